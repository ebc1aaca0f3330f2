"""YAML syntax errors in plain words: the mistake, where it was made, and its fix.

PyYAML says what its parser expected (`mapping values are not allowed here`); the people
who write reports need the mistake they made (a colon inside text, a key out of line, a
quote never closed) at the place they made it. Each mistake is recognised from the
parser's error, the tokens read before it and the text of the lines around it; when no
known mistake fits, the message says plainly what cannot be read at that line.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml

Located = tuple[int, int, str]
"""Line and column (from 1) of a mistake, and the message that names it."""

# A line that starts with a key: its indentation, list dashes, the key and what follows.
_KEY_LINE = re.compile(r"(?P<lead> *(?:- +)*)(?P<key>[A-Za-z_][\w-]*) *:(?= |$)(?P<rest>.*)")
# A key written without the space after its colon (`date:2012`), not a web address.
_NO_SPACE = re.compile(r"(?P<key>[A-Za-z_][\w-]*):(?!//)(?P<value>[^\s:].*)")
_FLOW_CLOSE = {"[": "]", "{": "}"}


def explain(error: yaml.MarkedYAMLError, text: str) -> Located:
    """Where the mistake behind a YAML error is, and what it is in plain words, with the fix."""
    reading = _Reading(error, text)
    for rule in _RULES:
        found = rule(reading)
        if found:
            return found
    line, column = reading.at
    return line, column, _UNREADABLE


_UNREADABLE = (
    "this line cannot be read; check that it is lined up with the lines it belongs with, "
    "and put its text in quotes if it holds `: ` or starts with a sign such as `[`, `*` or `&`"
)


@dataclass(frozen=True)
class _KeyLine:
    number: int
    column: int
    key: str
    rest: str

    @property
    def holds_text(self) -> bool:
        """Whether something other than a comment follows the key's colon."""
        rest = self.rest.strip()
        return bool(rest) and not rest.startswith("#")


class _Reading:
    """A YAML error with what is needed to read it: the lines and the tokens before it."""

    def __init__(self, error: yaml.MarkedYAMLError, text: str) -> None:
        self.text = text
        self.lines = text.splitlines()
        self.problem = error.problem or ""
        self.context = error.context or ""
        mark = error.problem_mark or error.context_mark
        self.index = mark.index if mark else 0
        self.at = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        opened = error.context_mark
        self.opened = (opened.line + 1, opened.column + 1, opened.index) if opened else None

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def char(self, index: int) -> str:
        return self.text[index] if 0 <= index < len(self.text) else ""

    def key_line(self, number: int) -> _KeyLine | None:
        match = _KEY_LINE.match(self.line(number))
        if not match:
            return None
        return _KeyLine(number, len(match["lead"]) + 1, match["key"], match["rest"])

    def keys_before(self, number: int) -> Iterator[_KeyLine]:
        """The lines that start with a key, from line `number - 1` up."""
        for earlier in range(number - 1, 0, -1):
            found = self.key_line(earlier)
            if found:
                yield found

    @functools.cached_property
    def scan(self) -> _Scan:
        return _scan(self.text, self.index)

    @property
    def tokens(self) -> list[tuple[yaml.Token, yaml.Token | None]]:
        return self.scan.last

    def last_scalar(self) -> yaml.ScalarToken | None:
        for token, _ in reversed(self.tokens):
            if isinstance(token, yaml.ScalarToken):
                return token
        return None


@dataclass
class _Scan:
    """What the scanner read before an error: its last tokens, each with the `[` or `{`
    it closes if it closes one, and the `[` and `{` still open."""

    last: list[tuple[yaml.Token, yaml.Token | None]]
    open_flows: list[yaml.Token]


def _scan(text: str, index: int) -> _Scan:
    scanner = yaml.SafeLoader(text)
    last: deque[tuple[yaml.Token, yaml.Token | None]] = deque(maxlen=4)
    flows: list[yaml.Token] = []

    def keep(token: yaml.Token) -> None:
        if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
            flows.append(token)
        closing = isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken)
        last.append((token, flows.pop() if closing and flows else None))

    try:
        while (token := scanner.get_token()) is not None:  # type: ignore[no-untyped-call]
            if token.start_mark.index >= index:
                break
            keep(token)
    except yaml.YAMLError:
        for token in scanner.tokens:  # read, but held back when the error came
            if token.start_mark.index < index:
                keep(token)
    finally:
        scanner.dispose()
    return _Scan(list(last), flows)


def _quote(char: str) -> str:
    """A character as code in a message: `"`, or `` ` `` for a backquote."""
    return f"`` {char} ``" if char == "`" else f"`{char}`"


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def _lined_up(column: int, what: str, siblings: list[_KeyLine]) -> str:
    """How `what`, at `column`, stands against the keys it should line up with."""
    if len(siblings) == 1:
        (sibling,) = siblings
        shift = column - sibling.column
        side = "more" if shift > 0 else "less"
        return (
            f"{what} is indented {_spaces(abs(shift))} {side} than `{sibling.key}` on line "
            f"{sibling.number}; line it up with `{sibling.key}`"
        )
    named = " or ".join(f"`{sibling.key}` (line {sibling.number})" for sibling in siblings)
    return f"{what} is not lined up with the keys above; line it up with {named}"


# --- the mistakes, each a rule that recognises it or returns None ---------------------


def _unclosed_quote(reading: _Reading) -> Located | None:
    """A quote opened and never closed, or closed only by the quote of a later value."""
    if reading.context.startswith("while scanning a quoted scalar") and reading.opened:
        line, column, index = reading.opened
        quote = reading.char(index)
        return (
            line,
            column,
            f"the quote {_quote(quote)} that opens here is never closed; "
            f"add a closing {_quote(quote)} at the end of the text",
        )
    token = reading.last_scalar()
    if token is None or token.style not in {'"', "'"}:
        return None
    first, last = token.start_mark.line + 1, token.end_mark.line + 1
    if not any(reading.key_line(number) for number in range(first + 1, last + 1)):
        return None
    quote = reading.char(token.start_mark.index)
    return (
        first,
        token.start_mark.column + 1,
        f"the quote {_quote(quote)} that opens here is not closed on its line, so the text "
        f"runs on to line {last}; add a closing {_quote(quote)} at the end of the text",
    )


def _tab(reading: _Reading) -> Located | None:
    if reading.char(reading.index) != "\t" or "cannot start any token" not in reading.problem:
        return None
    line, column = reading.at
    before = reading.line(line)[: column - 1]
    if not before.replace("-", " ").strip():
        return line, column, "this line is indented with a tab; use spaces, not tabs, to indent"
    return line, column, "a tab here, where YAML needs a space; replace the tab with a space"


_SIGN_CONTEXTS = (
    "while scanning an anchor",
    "while scanning an alias",
    "while scanning a tag",
    "while parsing a tag",
)


def _sign_first(reading: _Reading) -> Located | None:
    """Text that starts with a sign YAML gives a meaning to: `@`, `` ` ``, `%`, `&`, `*`,
    `!`, `?`."""
    if reading.opened and reading.context.startswith(_SIGN_CONTEXTS):
        line, column, index = reading.opened
    elif reading.problem.startswith(
        ("found character", "mapping keys are not", "found undefined alias")
    ):
        (line, column), index = reading.at, reading.index
    else:
        return None
    return (
        line,
        column,
        f"text cannot start with {_quote(reading.char(index))} unless it is in quotes; "
        'put the whole text in quotes ("...")',
    )


def _escape(reading: _Reading) -> Located | None:
    """A backslash in double quotes that does not start one of YAML's escapes."""
    if not reading.context.startswith("while scanning a double-quoted scalar"):
        return None
    line, column = reading.at
    backslash = reading.line(line).rfind("\\", 0, column)
    return (
        line,
        backslash + 1 if backslash >= 0 else column,
        "between double quotes, `\\` starts a special character; write `\\\\` for a "
        "backslash, or put the text between single quotes instead",
    )


def _block_scalar_header(reading: _Reading) -> Located | None:
    """Text on the line of `|` or `>`, where only a comment may follow."""
    if not reading.context.startswith("while scanning a block scalar") or not reading.opened:
        return None
    line, column, index = reading.opened
    sign = reading.char(index)
    return (
        line,
        column,
        f"text cannot follow {_quote(sign)} on its line; start the text on the next line, indented",
    )


def _flow(reading: _Reading) -> Located | None:
    """A `[` or `{` that YAML reads as the start of a list or mapping, not closed or not
    readable; most often text that starts with a bracket."""
    if not reading.context.startswith("while parsing a flow") or not reading.opened:
        return None
    line, column, index = reading.opened
    bracket = reading.char(index)
    if bracket not in _FLOW_CLOSE:
        return None
    if reading.at[0] > line or "<stream end>" in reading.problem:
        return (
            line,
            column,
            f"the {_quote(bracket)} that opens here is never closed with "
            f"{_quote(_FLOW_CLOSE[bracket])}; if this is text, put the whole text in quotes",
        )
    return line, column, _bracket_text(bracket)


def _bracket_text(bracket: str) -> str:
    return (
        f"text that starts with {_quote(bracket)} must be in quotes; put the whole text in "
        'quotes ("...")'
    )


def _after_closing(reading: _Reading) -> Located | None:
    """Text that goes on after a closing quote or bracket, or a line of text, where YAML
    expects a new key."""
    if "but found '<scalar>'" not in reading.problem or not reading.tokens:
        return None
    token, opener = reading.tokens[-1]
    if opener is not None:
        mark = opener.start_mark
        return mark.line + 1, mark.column + 1, _bracket_text(reading.char(mark.index))
    if not isinstance(token, yaml.ScalarToken):
        return None
    if token.style in {'"', "'"}:
        quote = reading.char(token.start_mark.index)
        other = "'...'" if quote == '"' else '"..."'
        return (
            token.end_mark.line + 1,
            token.end_mark.column,
            f"the text goes on after its closing {_quote(quote)}; to keep {_quote(quote)} in "
            f"the text, put the whole text between the other quotes instead ({other})",
        )
    return _text_line(reading, *reading.at)


def _block_text_out_of_line(reading: _Reading) -> Located | None:
    """A line of a block of text (after `|` or `>`) indented less than its first line."""
    token = reading.last_scalar()
    if token is None or token.style not in {"|", ">"} or token.end_mark.index > reading.index:
        return None
    line, column = reading.at
    first = next(
        (
            number
            for number in range(token.start_mark.line + 2, line)
            if reading.line(number).strip()
        ),
        None,
    )
    if first is None:
        return None
    indent = len(reading.line(first)) - len(reading.line(first).lstrip(" "))
    if not _indent_of_owner(reading, token.start_mark.line + 1) < column - 1 < indent:
        return None
    return (
        line,
        column,
        f"this line is indented less than the first line of the text above (line {first}); "
        "line them up",
    )


def _indent_of_owner(reading: _Reading, line: int) -> int:
    """The indentation of the key or list item a value on `line` belongs to."""
    owner = reading.key_line(line)
    if owner:
        return owner.column - 1
    return reading.line(line).rfind(
        "-", 0, len(reading.line(line)) - len(reading.line(line).lstrip(" -"))
    )


def _open_flow(reading: _Reading) -> Located | None:
    """A `[` or `{` still open on a later line: text that starts with a bracket."""
    if not reading.scan.open_flows:
        return None
    opener = reading.scan.open_flows[0]
    if opener.start_mark.line + 1 >= reading.at[0]:
        return None
    bracket = reading.char(opener.start_mark.index)
    return (
        opener.start_mark.line + 1,
        opener.start_mark.column + 1,
        f"the {_quote(bracket)} that opens here is never closed with "
        f"{_quote(_FLOW_CLOSE[bracket])}; if this is text, put the whole text in quotes",
    )


def _dash_without_space(reading: _Reading) -> Located | None:
    """A list item written `-key:` on the line of the error."""
    return _dash_key(reading, reading.at[0])


def _dash_key(reading: _Reading, line: int) -> Located | None:
    """A list item written `-key:` on `line`."""
    text = reading.line(line)
    dash = re.match(r" *-(?=[A-Za-z_])", text)
    word = _KEY_LINE.match(text[dash.end() :]) if dash else None
    if dash is None or word is None:
        return None
    return line, dash.end(), f"a space is missing after `-`; write `- {word['key']}:`"


def _colon_in_text(reading: _Reading) -> Located | None:
    """`mapping values are not allowed here`: a colon and a space inside text, a key
    indented more than its siblings (read as part of the text above), or a key written
    without the space after `-` or `:` on the line where the text began."""
    if not reading.problem.startswith("mapping values are not allowed"):
        return None
    line, column = reading.at
    token = reading.last_scalar()
    start = token.start_mark.line + 1 if token else line
    if start < line and token and token.style is None:
        begun = _missing_space(reading, start, token.start_mark.column)
        if begun:
            return begun
        misplaced = reading.key_line(line)
        owner = reading.key_line(start)
        if misplaced and owner and misplaced.column > owner.column:
            what = f"`{misplaced.key}`"
            return line, misplaced.column, _lined_up(misplaced.column, what, [owner])
    owner = next(reading.keys_before(line + 1), None)
    colon = (
        "ends a line with a colon"
        if not reading.line(line)[column:].strip()
        else "holds a colon followed by a space"
    )
    if owner is None:
        return (
            line,
            column,
            f'this text {colon}, which starts a key; put the text in quotes ("...")',
        )
    return (
        line,
        column,
        f"the text of `{owner.key}` {colon}, which starts a key; put the whole text in "
        f'quotes ("..."), or write `>-` after `{owner.key}:` and the text on the next lines, '
        "indented",
    )


def _missing_space(reading: _Reading, line: int, column: int) -> Located | None:
    """A key written `-key:` or `key:value` on `line`, the text from `column` (from 0)."""
    dash = _dash_key(reading, line)
    if dash:
        return dash
    joined = _NO_SPACE.match(reading.line(line)[column:])
    if joined:
        return (
            line,
            column + len(joined["key"]) + 1,
            f"a space is missing after `{joined['key']}:`; "
            f"write `{joined['key']}: {joined['value'].strip()}`",
        )
    return None


def _no_colon(reading: _Reading) -> Located | None:
    """`could not find expected ':'`: a line of text where YAML expects a key: a key
    without its colon or the space after it, or text continued less indented than its key."""
    if "could not find expected ':'" not in reading.problem or not reading.opened:
        return None
    line, column, _ = reading.opened
    joined = _missing_space(reading, line, column - 1)
    if joined:
        return joined
    return _text_line(reading, line, column)


def _text_line(reading: _Reading, line: int, column: int) -> Located:
    """A line of text where YAML expects a key: a key without its colon, or text that
    goes on from the line above but is indented as a key."""
    words = reading.line(line)[column - 1 :].split(maxsplit=1)
    if len(words) == 2 and words[0] in _known_keys():
        return (
            line,
            column,
            f"a colon is missing after `{words[0]}`; write `{words[0]}: {words[1]}`",
        )
    owner = next((key for key in reading.keys_before(line) if key.holds_text), None)
    if owner is None:
        return line, column, "this line is text where a key is expected; write it as `key: text`"
    if owner.rest.strip().startswith(("|", ">")):
        return (
            line,
            column,
            f"the text under `{owner.key}` (line {owner.number}) must be indented more "
            f"than `{owner.key}`; indent this line further",
        )
    return (
        line,
        column,
        f"this line is text where a key is expected; if it goes on from the text of "
        f"`{owner.key}` (line {owner.number}), indent it more than `{owner.key}`",
    )


@functools.cache
def _known_keys() -> frozenset[str]:
    """Every key the model knows, and `include`."""
    from ..model import Strict  # on errors only: reading YAML does not wait for pydantic

    keys, models = {"include"}, [Strict]
    while models:
        model = models.pop()
        keys.update(model.model_fields)
        models.extend(model.__subclasses__())
    return frozenset(keys)


def _key_out_of_line(reading: _Reading) -> Located | None:
    """A key that is not lined up with its siblings, found where YAML expected the end of
    a mapping or list (`expected <block end>, but found '<block mapping start>'`)."""
    if not reading.problem.endswith(("but found '<block mapping start>'", "but found '?'")):
        return None
    line, column = reading.at
    misplaced = reading.key_line(line)
    what = f"`{misplaced.key}`" if misplaced else "this line"
    if reading.context.startswith("while parsing a block collection") and reading.opened:
        sibling = _item_sibling(reading, line, reading.opened[1])
        siblings = [sibling] if sibling else []
    else:
        siblings = _mapping_siblings(reading, line, column)
    if not siblings:
        return None
    return line, column, _lined_up(column, what, siblings)


def _item_sibling(reading: _Reading, line: int, dash_column: int) -> _KeyLine | None:
    """The last key before `line` in the mapping of the list item it is under."""
    item = next(
        (
            number
            for number in range(line - 1, 0, -1)
            if reading.line(number)[dash_column - 1 : dash_column] == "-"
            and not reading.line(number)[: dash_column - 1].strip()
        ),
        None,
    )
    first = reading.key_line(item) if item else None
    if first is None:
        return None
    return next((key for key in reading.keys_before(line) if key.column == first.column), None)


def _mapping_siblings(reading: _Reading, line: int, column: int) -> list[_KeyLine]:
    """The keys `line` may belong with: the last one less indented (of the mapping YAML
    was reading) and the last one more indented (of a mapping just ended); the nearer in
    indentation, or both when they are as near."""
    if not reading.opened:
        return []
    outer = next((k for k in reading.keys_before(line) if k.column == reading.opened[1]), None)
    inner = next((k for k in reading.keys_before(line) if k.column > column), None)
    if outer is None or inner is None:
        return [key for key in (inner, outer) if key]
    nearer = (column - outer.column) - (inner.column - column)
    if nearer == 0:
        return [inner, outer]
    return [inner if nearer > 0 else outer]


def _list_among_keys(reading: _Reading) -> Located | None:
    """A list item where YAML expects a key: under a key that already holds text, or
    among the keys of a mapping."""
    if not reading.problem.endswith("but found '-'"):
        return None
    line, column = reading.at
    owner = next((key for key in reading.keys_before(line) if key.column <= column), None)
    if owner and owner.holds_text:
        return (
            line,
            column,
            f"this list item is under `{owner.key}`, which already holds text on line "
            f"{owner.number}; to make a list, leave nothing after `{owner.key}:` and indent "
            "the items under it",
        )
    return (
        line,
        column,
        "a list item cannot stand among keys; put the list under the key it belongs to, "
        "indented, with nothing after that key's `:`",
    )


def _list_out_of_line(reading: _Reading) -> Located | None:
    """A list item whose `-` is not lined up with the one of the item before it."""
    if not reading.problem.endswith("but found '<block sequence start>'"):
        return None
    line, column = reading.at
    for number in range(line - 1, 0, -1):
        dash = re.match(r" *- ", reading.line(number))
        if dash and dash.end() - 1 != column:
            return (
                line,
                column,
                f"this `-` is not lined up with the `-` on line {number}; "
                "start it in the same column",
            )
    return None


def _list_on_key_line(reading: _Reading) -> Located | None:
    """`- ` after `key:` on the same line: a list item must start a line of its own."""
    if not reading.problem.startswith("sequence entries are not allowed"):
        return None
    line, column = reading.at
    owner = reading.key_line(line)
    key = f"`{owner.key}:`" if owner else "the key"
    return (
        line,
        column,
        f"a list item cannot start on the line of {key}; put each item on a line of its "
        f"own, below {key} and indented; if this is text, put it in quotes",
    )


def _second_document(reading: _Reading) -> Located | None:
    if not reading.context.startswith("expected a single document"):
        return None
    line, column = reading.at
    return (
        line,
        column,
        "a second document starts here with `---`; a report file holds one: remove this line",
    )


def _colon_without_key(reading: _Reading) -> Located | None:
    if not reading.problem.endswith("but found ':'"):
        return None
    line, column = reading.at
    return line, column, "a colon without a key before it; write the key before the `:`"


def folded_list(node: yaml.Node, text: str, key: str | int | None) -> Located | None:
    """A line starting with `- ` inside plain text that runs over several lines: YAML
    reads it as more of the text, but it was meant as a list item."""
    if not isinstance(node, yaml.ScalarNode) or node.style is not None:
        return None
    if node.start_mark.line == node.end_mark.line:
        return None
    first = node.start_mark.line
    lines = text[node.start_mark.index : node.end_mark.index].splitlines()
    for offset, written in enumerate(lines[1:], start=1):
        item = re.match(r"\s*-(?= |$)", written)
        if not item:
            continue
        line, column = first + offset + 1, item.end()
        if not isinstance(key, str):
            return (
                line,
                column,
                "this `-` is read as part of the text of the list item above, not as a new "
                "item; line it up with the `-` of that item",
            )
        return (
            line,
            column,
            f"this `-` is read as part of the text of `{key}` above, not as a list item; "
            f"to make a list, leave nothing after `{key}:` and indent the items under it; "
            "to keep the `-` as text, put the whole text in quotes",
        )
    return None


_RULES: list[Callable[[_Reading], Located | None]] = [
    _unclosed_quote,
    _open_flow,
    _tab,
    _sign_first,
    _escape,
    _block_scalar_header,
    _flow,
    _block_text_out_of_line,
    _after_closing,
    _colon_in_text,
    _no_colon,
    _dash_without_space,
    _key_out_of_line,
    _list_among_keys,
    _list_out_of_line,
    _list_on_key_line,
    _second_document,
    _colon_without_key,
]
"""In order: the first that recognises the error names the mistake."""
