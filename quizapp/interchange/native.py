"""The native formats: a pack document written as JSON or as YAML.

JSON is for programs; YAML is for teachers, so its output is block style
with the text of the article and any multi-line prompt as literal blocks,
short lists on one line, Unicode as it is, and keys in the schema's order.
YAML is read with a safe loader that also refuses aliases (a few lines of
``*a`` can expand to gigabytes), duplicate keys and keys that are not text,
and keeps dates as the text they were written as.
"""

from __future__ import annotations

import json

import yaml

from quizapp.interchange.errors import PackFormatError

_SCALARS = (str, int, float, bool, type(None))
_YAML_BREAKS = ("\n", "\x85", "\u2028", "\u2029")
FLOW_WIDTH = 100  # a list of short texts reads best inline: [Russia, Russians]; PyYAML wraps it at the width
# A pack nests about five levels, and a question's extra values at most 20 more (validate.MAX_DEPTH).
# PyYAML's scanner slows down with every open "[" or "{" on a line, so deeper is refused while it is cheap.
MAX_YAML_DEPTH = 100


def write_json(document: dict) -> str:
    """Indented JSON, Unicode kept."""
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def parse_json(text: str):
    """The JSON value in ``text``; errors say line and column."""
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique_keys)
    except PackFormatError:
        raise
    except json.JSONDecodeError as exc:
        raise PackFormatError(
            f"line {exc.lineno}, column {exc.colno}: {exc.msg} (the file is not valid JSON)"
        ) from exc
    except RecursionError as exc:
        raise PackFormatError("the JSON is nested too deeply to be a pack") from exc
    except ValueError as exc:  # an integer of thousands of digits
        raise PackFormatError("the JSON holds a number too long to read") from exc


def _no_constant(name: str):
    """JSON's NaN and Infinity are no values a pack can hold."""
    raise PackFormatError(f"{name} is not a number a pack can hold")


def _unique_keys(pairs: list[tuple]) -> dict:
    """Refuse a key given twice in one object: JSON would silently keep the last."""
    seen = set()
    for key, _ in pairs:
        if key in seen:
            raise PackFormatError(f"the key {key!r} appears twice in one object; keep one")
        seen.add(key)
    return dict(pairs)


class _Loader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that keeps dates as text and refuses aliases, duplicate and non-text keys."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    depth = 0

    def compose_node(self, parent, index):
        """Refuse ``*alias``: shared nodes multiply on reading, so a small file could fill memory.

        Refuse nesting deeper than ``MAX_YAML_DEPTH`` too, in case libyaml is
        missing and ``_refuse_deep_yaml`` could not.
        """
        if self.check_event(yaml.AliasEvent):
            raise PackFormatError(
                f"line {self.peek_event().start_mark.line + 1}: aliases (*name) are not "
                "allowed in a pack; write the value out"
            )
        nested = self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent)
        if nested and self.depth >= MAX_YAML_DEPTH:
            raise PackFormatError(_too_deep(self.peek_event().start_mark.line + 1))
        self.depth += nested
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= nested

    def construct_mapping(self, node, deep=False):
        """A key twice would silently keep the last; a number or list as key is no field name."""
        seen = set()
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise PackFormatError(f"line {line}: a key must be a name, not {key_node.value!r}"[:200])
            if key_node.value in seen:
                raise PackFormatError(f"line {line}: the key {key_node.value!r} appears twice; keep one")
            seen.add(key_node.value)
        return super().construct_mapping(node, deep)


def parse_yaml(text: str):
    """The YAML value in ``text`` (one document); errors say the line."""
    _refuse_deep_yaml(text)
    try:
        return yaml.load(text, Loader=_Loader)
    except PackFormatError:  # our own refusals (aliases, keys) are ValueErrors too: keep their words
        raise
    except yaml.MarkedYAMLError as exc:
        raise PackFormatError(_yaml_message(exc)) from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise PackFormatError(
            f"line {line}: the character U+{exc.character:04X} is not allowed in YAML "
            "(save the file as plain UTF-8 text)"
        ) from exc
    except yaml.YAMLError as exc:
        raise PackFormatError(f"not valid YAML: {exc}") from exc
    except RecursionError as exc:
        raise PackFormatError("the YAML is nested too deeply to be a pack") from exc
    except ValueError as exc:  # an integer of thousands of digits
        raise PackFormatError("the YAML holds a number too long to read") from exc


def _refuse_deep_yaml(text: str) -> None:
    """Refuse nesting deeper than ``MAX_YAML_DEPTH`` before the pure-Python loader sees it.

    PyYAML's scanner does work for every "[" or "{" still open on a line, so a
    line of a thousand "[" took it seconds; libyaml's events (in C) find the
    depth in milliseconds. Syntax errors are left for the loader to word.
    """
    if not yaml.__with_libyaml__:  # without libyaml, _Loader.compose_node still stops at the same depth
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    mark = event.start_mark  # always set by the parser; the stubs allow None
                    raise PackFormatError(_too_deep(mark.line + 1 if mark is not None else 0))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:  # libyaml gives up at 1,000 levels, scanning ahead
        if "nesting depth" in str(exc.problem) and exc.problem_mark:
            raise PackFormatError(_too_deep(exc.problem_mark.line + 1)) from exc
    except (yaml.YAMLError, UnicodeError):  # libyaml reads UTF-8: a lone surrogate is the loader's to word
        pass


def _too_deep(line: int) -> str:
    """The message for YAML nested deeper than any pack."""
    return f"line {line}: the YAML is nested too deeply to be a pack (more than {MAX_YAML_DEPTH} levels)"


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's error as "line L, column C: what"; tabs and Python tags explained."""
    mark = exc.problem_mark or exc.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
    problem = ", ".join(part for part in (exc.context, exc.problem) if part) or "cannot be read"
    if "'\\t'" in problem:
        return f"{where}: a tab character; indent YAML with spaces, not tabs"
    if "could not determine a constructor" in problem:
        tag = problem.rsplit(" ", 1)[-1]
        return f"{where}: the tag {tag} is not allowed; a pack holds only text, numbers, lists and mappings"
    return f"{where}: {problem} (the file is not valid YAML)"


class _Dumper(yaml.SafeDumper):
    """Readable YAML: block mappings, short scalar lists inline, multi-line text as literal blocks."""

    def ignore_aliases(self, data):
        """Never write anchors: our loader refuses aliases, and people should not meet them."""
        return True


def _represent_str(dumper, value: str):
    """Multi-line text as a literal block; NEL and the Unicode line breaks escaped in double quotes.

    PyYAML would put those three raw into a quoted scalar, where reading
    folds them into a space.
    """
    style: str | None
    if any(b in value for b in _YAML_BREAKS[1:]):
        style = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper, value: list):
    """Short lists of one-line scalars inline (``[Russia, Russians]``), others as blocks."""
    flow = (
        all(isinstance(v, _SCALARS) for v in value)
        and not any(isinstance(v, str) and any(b in v for b in _YAML_BREAKS) for v in value)
        and sum(len(str(v)) + 2 for v in value) <= FLOW_WIDTH
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _represent_dict(dumper, value: dict):
    """Block style, but a mapping of numbers inline: ``{paragraph: 1, start: 0, end: 208}``."""
    numbers = bool(value) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()
    )
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=numbers)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def write_yaml(document: dict) -> str:
    """Block-style YAML, Unicode kept, keys in the document's (the schema's) order."""
    return yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
