"""The statements' text: paragraphs, "## " headings, "- " lists, and markers for the parts that come from the
settings. A small format of our own rather than Markdown: editors need no more, and nothing they type becomes HTML
(every text is escaped by the template that shows the blocks)."""

import re
from dataclasses import dataclass

# Markers an editor may put on a line of their own; templates/pages/includes/_<name>.html renders each from the
# settings (pages.views.statement_settings).
INSERTS = ("feedback", "assessment", "official-statements", "controller", "log-retention")

_MARKER = re.compile(r"^\[\[([a-z-]+)\]\]$")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "list" or "insert"
    text: str = ""
    items: tuple = ()


def blocks(text):
    """The blocks of a statement's text, in order. An unknown marker stays as ordinary text."""
    found = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        marker = _MARKER.match(lines[0])
        if len(lines) == 1 and marker and marker.group(1) in INSERTS:
            found.append(Block("insert", marker.group(1)))
        elif len(lines) == 1 and lines[0].startswith("## "):
            found.append(Block("heading", lines[0][3:].strip()))
        elif all(line.startswith("- ") for line in lines):
            found.append(Block("list", items=tuple(line[2:].strip() for line in lines)))
        else:
            found.append(Block("paragraph", " ".join(lines)))
    return found
