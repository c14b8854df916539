"""A pupil with only a keyboard: from the list of articles to the quiz's results, no mouse at all.

Every key is a real key press (Tab, Shift+Tab, Space, the arrow keys, typing, Enter); nothing is
clicked or filled. On the way, each kind of control must show where the focus is, the glossary's
definitions must open on focus, and the results must say right and wrong in words. Also here: the
whole quiz enlarged to 200% without sideways scrolling, and no page that runs against a clock.
"""

import re

import pytest
from factories import SEED
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.db]

SEED_SLUG = SEED.stem
# What the pupil types or picks, by question prompt (the seed's questions; verdicts checked by hand
# in test_quiz_browser: 6 right, the ceasefire pick half right, the town wrong).
TYPED = {
    "Who backs the Syrian government?": "russia and iran",
    "Which country backs the truces?": "Russia",
    "Which town did government forces capture?": "Damascus",
    "Who is Syria’s president?": "assad",
    "seemed in danger": "Assad",  # the cloze: its box is labelled by its sentence
}
PICKED = {
    "Does the United States back the militias?": {"Yes"},
    "Which region is Islamic State’s last major Syrian stronghold?": {"Deir al-Zor"},
    "Which of these organized one of the ceasefires in the southwest?": {"Russia"},
}

# What the focused element is and how it shows focus, read in the page.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const fieldset = el.closest('fieldset');
  const label = el.labels && el.labels[0] ? el.labels[0].innerText.trim() : '';
  return {tag: el.tagName.toLowerCase(), type: el.type || '', text: (el.innerText || '').trim().slice(0, 80),
          label, group: fieldset ? fieldset.querySelector('legend').innerText.trim() : '',
          checked: !!el.checked, cls: el.className || '', value: el.value || '',
          visible: outline || style.boxShadow !== 'none', outline: style.outline, shadow: style.boxShadow};
}"""


def kind(focused: dict) -> str:
    """The kind of control, for the focus-visibility tally."""
    if focused["tag"] == "input":
        return {"radio": "radio", "checkbox": "checkbox"}.get(focused["type"], "text box")
    return {
        "a": "link",
        "button": "button",
        "summary": "disclosure",
        "textarea": "text box",
        "select": "select",
    }.get(focused["tag"], focused["tag"])


class Keyboard:
    """Tab through a page, remembering which kinds of control showed their focus."""

    def __init__(self, page):
        self.page = page
        self.seen: dict[str, list[dict]] = {}

    def focused(self) -> dict | None:
        """The element with focus now, recorded by kind."""
        info = self.page.evaluate(FOCUSED)
        if info and info["tag"] != "main":  # the skip link's target: focused by script, not a control
            self.seen.setdefault(kind(info), []).append(info)
        return info

    def press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        return self.focused()

    def tab_to(self, matches, limit: int = 600) -> dict:
        """Tab until the focused element satisfies ``matches``."""
        for _ in range(limit):
            info = self.press("Tab")
            if info and matches(info):
                return info
        raise AssertionError(f"nothing matching reached with {limit} Tabs")

    def invisible(self) -> dict[str, list[dict]]:
        """Each kind of control that once had focus without a visible outline or shadow."""
        return {
            k: [i for i in v if not i["visible"]]
            for k, v in self.seen.items()
            if any(not i["visible"] for i in v)
        }


def prompt_key(text: str, table: dict) -> str | None:
    """The key of ``table`` a label or legend starts with or contains."""
    return next((key for key in table if key in text), None)


def answer_by_keyboard(keys: Keyboard) -> None:
    """Tab through the quiz form, answering each question with keys, then send it with Enter."""
    done_groups = set()
    info = keys.press("Tab")
    for _ in range(300):
        if info is None:
            info = keys.press("Tab")
            continue
        if info["tag"] == "button" and info["text"] == "Check my answers":
            keys.page.keyboard.press("Enter")
            return
        if info["tag"] == "input" and info["type"] == "text" and (key := prompt_key(info["label"], TYPED)):
            keys.page.keyboard.type(TYPED[key])
            if key == next(iter(TYPED)):  # once: back and forth, the typed answer stays
                keys.press("Tab")
                again = keys.press("Shift+Tab")
                assert again["value"] == TYPED[key]
        elif info["type"] == "radio" and info["group"] not in done_groups:
            info = pick_radio(keys, info)
            done_groups.add(info["group"])
        elif (
            info["type"] == "checkbox"
            and (key := prompt_key(info["group"], PICKED))
            and (info["label"] in PICKED[key]) != info["checked"]
        ):
            info = keys.press("Space")
        info = keys.press("Tab")
    raise AssertionError("never reached the Check my answers button")


def pick_radio(keys: Keyboard, info: dict) -> dict:
    """In a radio group, arrow down to the wanted option (Space if it is the first)."""
    wanted = PICKED[prompt_key(info["group"], PICKED)]
    for _ in range(10):
        if info["label"] in wanted:
            if not info["checked"]:
                info = keys.press("Space")
            assert info["checked"], f"{info['label']} not chosen"
            return info
        info = keys.press("ArrowDown")
    raise AssertionError(f"no option {wanted} in {info['group']}")


def test_a_pupil_does_the_whole_quiz_with_the_keyboard_alone(page, seed):
    total = len(seed.analysis.questions)
    keys = Keyboard(page)
    page.goto("/")
    skip = keys.press("Tab")
    assert skip["text"] == "Skip to content" and skip["visible"]
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    keys.press("Enter")
    keys.tab_to(lambda i: i["tag"] == "a" and i["text"] == seed.title)
    page.keyboard.press("Enter")  # follows the link: the page changes
    expect(page).to_have_url(re.compile(f"/articles/{SEED_SLUG}$"))

    # On the way through the article, a name's definition opens on focus alone.
    mention = keys.tab_to(lambda i: "mention" in i["cls"])
    index = page.evaluate("[...document.querySelectorAll('a.mention')].indexOf(document.activeElement)")
    tip = page.locator("a.mention").nth(index).locator(".tip")
    expect(page.locator(".article-body .tip:visible")).to_have_count(1)
    expect(tip).to_be_visible()
    role_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    expect(tip).to_contain_text(page.locator(f"#{role_id}").inner_text())
    keys.press("Escape")  # dismissed without moving the focus
    expect(tip).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('mention')")
    keys.press("Shift+Tab")
    keys.press("Tab")  # back on it: the definition shows again
    expect(tip).to_be_visible()
    keys.press("Tab")
    expect(tip).to_be_hidden()  # and closes when the focus moves on
    assert mention["visible"]

    keys.tab_to(lambda i: i["tag"] == "a" and i["text"].startswith("Take the quiz"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/articles/{SEED_SLUG}/quiz$"))
    answer_by_keyboard(keys)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
    expect(page.get_by_test_id("score")).to_have_text(re.compile(rf"^\s*6\.5\s+/ {total}\s+points\s*$"))
    for wanted in ("text box", "radio", "checkbox", "button", "link", "disclosure"):
        assert wanted in keys.seen, f"the keyboard never reached a {wanted}"
    assert not keys.invisible(), f"focus not visible on: {keys.invisible()}"


def test_a_definition_stays_while_the_pointer_moves_onto_it(page, seed):
    page.goto(f"/articles/{SEED_SLUG}")
    mention = page.locator(".article-body a.mention").nth(2)
    mention.hover()
    tip = mention.locator(".tip")
    expect(tip).to_be_visible()
    box = tip.bounding_box()
    name = mention.bounding_box()
    page.mouse.move(name["x"] + 4, name["y"] - 2, steps=4)  # up across the gap...
    page.mouse.move(box["x"] + 8, box["y"] + box["height"] / 2, steps=4)  # ...onto the definition
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_results_say_right_and_wrong_in_words_not_only_colour(page, seed):
    page.goto(f"/articles/{SEED_SLUG}/quiz")
    page.get_by_label("Who backs the Syrian government?").fill("Russia")  # half of "Russia and Iran"
    page.get_by_label("Which town did government forces capture?").fill("Damascus")
    page.get_by_label("Who is Syria’s president?").fill("Assad")
    page.get_by_role("button", name="Check my answers").click()
    verdicts = page.locator(".result .result-verdict .verdict").all_inner_texts()
    assert len(verdicts) == len(seed.analysis.questions)
    words = [re.sub(r"^\W+", "", v).strip() for v in verdicts]
    assert set(words) == {"Correct", "Partly correct", "Incorrect"}, words
    assert words.count("Correct") == 1 and words.count("Partly correct") == 1
    for bar in page.locator(".bar-row").all():  # the summary bars are labelled in words too
        expect(bar.locator(".bar-label")).to_have_text(re.compile(r"(Correct|Partly correct|Incorrect)$"))


def test_every_input_on_the_quiz_and_forms_has_a_label(page, seed):
    for path in (f"/articles/{SEED_SLUG}/quiz", f"/articles/{SEED_SLUG}", "/login", "/register", "/study"):
        page.goto(path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
          .filter((el) => el.type !== 'hidden')
          .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                          && !el.getAttribute('aria-labelledby'))
          .map((el) => el.outerHTML)""")
        assert unlabelled == [], f"{path}: inputs without a label: {unlabelled}"
        if path.endswith("/quiz"):
            assert page.locator("input:not([type=hidden])").count() >= len(seed.analysis.questions)


def test_the_quiz_enlarged_to_200_percent_loses_nothing(browser, live_server, seed, screenshots):
    # A 1280 px laptop at 200% zoom lays out like a 640 px window with pixels twice the size.
    context = browser.new_context(
        base_url=live_server, viewport={"width": 640, "height": 400}, device_scale_factor=2
    )
    page = context.new_page()
    try:
        for path, name in ((f"/articles/{SEED_SLUG}", "article"), (f"/articles/{SEED_SLUG}/quiz", "quiz")):
            page.goto(path)
            assert_no_sideways_scroll(page, path)
            page.screenshot(path=screenshots / f"zoom200-{name}.png", full_page=True)
        for control in (
            page.get_by_role("button", name="Check my answers"),
            page.get_by_label("Who backs the Syrian government?"),
            page.get_by_role("link", name="Skip to content"),
        ):
            control.focus()
            expect(control).to_be_in_viewport()
            box = control.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 640, f"{control} is cut off: {box}"
        page.get_by_role("button", name="Check my answers").press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Your results")
        assert_no_sideways_scroll(page, "results")
        page.screenshot(path=screenshots / "zoom200-results.png", full_page=True)
    finally:
        context.close()


def assert_no_sideways_scroll(page, where: str) -> None:
    """Neither the page nor its main content is wider than the window."""
    width = page.evaluate("document.documentElement.scrollWidth")
    main = page.evaluate("document.querySelector('main').scrollWidth")
    assert width <= 640 and main <= 640, f"{where} scrolls sideways at 200%: page {width}px, main {main}px"


def test_no_page_runs_against_a_clock(page, seed):
    """No time pressure: nothing counts down, refreshes itself, or says time is running out."""
    for path in (
        "/",
        f"/articles/{SEED_SLUG}",
        f"/articles/{SEED_SLUG}/quiz",
        "/study",
        f"/study/articles/{SEED_SLUG}",
    ):
        page.goto(path)
        assert page.locator("meta[http-equiv='refresh' i]").count() == 0, path
        assert page.locator("[role=timer], progress, .timer, [data-timer]").count() == 0, path
        text = page.locator("main").inner_text().lower()
        for words in (
            "time left",
            "time remaining",
            "seconds left",
            "minutes left",
            "time is up",
            "countdown",
        ):
            assert words not in text, f"{path} says {words!r}"


def tab_through(page, path: str, keys: Keyboard, limit: int = 80) -> None:
    """Tab from the top of ``path`` until the focus leaves the page or comes round again."""
    page.goto(path)
    first = None
    for _ in range(limit):
        info = keys.press("Tab")
        if info is None:
            return
        marker = (info["tag"], info["text"], info["label"], info["value"])
        if marker == first:
            return
        first = first or marker


def test_focus_shows_on_every_control_of_the_teacher_forms(page):
    keys = Keyboard(page)
    page.goto("/register")
    page.get_by_label("Your name").fill("Ms Keys")
    page.get_by_label("Email").fill("keys@school.example")
    page.get_by_label("Password", exact=True).fill("a keyboard pass phrase")
    page.get_by_label("Password again").fill("a keyboard pass phrase")
    page.get_by_label("Password again").press("Enter")
    expect(page.get_by_role("heading", name="Hello, Ms Keys")).to_be_visible()
    for path in (
        "/teacher",
        "/teacher/articles/new",
        "/teacher/packs/new",
        "/teacher/packs/import",
        "/login",
    ):
        tab_through(page, path, keys)
    for wanted in ("text box", "select", "button", "link"):
        assert wanted in keys.seen, f"the keyboard never reached a {wanted}"
    assert not keys.invisible(), f"focus not visible on: {keys.invisible()}"
