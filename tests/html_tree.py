"""Just enough DOM for tests that look inside a page: parse HTML into a tree of ``Node``.

The standard library's ``HTMLParser`` drives it, so no browser or extra
package is needed to ask "which inputs are inside this question's block?".
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """An element of the page: tag, attributes, children (nodes and text)."""

    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self, skip: str = "") -> str:
        """The text inside, tags removed, leaving out elements of class ``skip``."""
        return "".join(
            c
            if isinstance(c, str)
            else ""
            if skip and skip in c.attrs.get("class", "").split()
            else c.text(skip)
            for c in self.children
        )

    def clean_text(self) -> str:
        """The text with runs of white space made one space."""
        return " ".join(self.text().split())

    def walk(self):
        """This node and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag=None, **attrs):
        """Elements below with ``tag`` and these attribute values (``class_`` matches one class)."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        return [
            n
            for n in self.walk()
            if (tag is None or n.tag == tag)
            and all(
                v in n.attrs.get(k, "").split() if k == "class" else n.attrs.get(k) == v
                for k, v in wanted.items()
            )
        ]

    def find(self, tag=None, **attrs):
        """The first element that ``find_all`` would return, or None."""
        return next(iter(self.find_all(tag, **attrs)), None)

    def by_id(self, id_):
        """The element with this id (asserting there is exactly one)."""
        found = self.find_all(id=id_)
        assert len(found) == 1, f"{len(found)} elements with id {id_!r}"
        return found[0]


class Page(HTMLParser):
    """The HTML as a tree of ``Node``: just enough DOM for these tests."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {})
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response) -> Node:
    """The response's HTML as a tree."""
    return Page(response.get_data(as_text=True)).root
