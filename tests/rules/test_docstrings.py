"""Rule docstrings (reStructuredText) converted to plain text and to Markdown."""

from __future__ import annotations

import pytest

from jobspec_lint.rules import all_rules
from jobspec_lint.rules.base import Rule
from jobspec_lint.rules.docstrings import render_markdown, render_plain_text

DOC = (
    "Parquet is spelt ``pqt``, never ``parquet``.\n"
    "\n"
    "Failing example (``spec.jobspec.yaml``)::\n"
    "\n"
    "    format: parquet\n"
    "    header: true\n"
    "\n"
    "Passing example (``spec.jobspec.yaml``)::\n"
    "\n"
    "    format: pqt\n"
)


def test_plain_text_drops_markup() -> None:
    assert render_plain_text(DOC) == (
        "Parquet is spelt `pqt`, never `parquet`.\n"
        "\n"
        "Failing example (`spec.jobspec.yaml`):\n"
        "\n"
        "    format: parquet\n"
        "    header: true\n"
        "\n"
        "Passing example (`spec.jobspec.yaml`):\n"
        "\n"
        "    format: pqt\n"
    )


def test_markdown_fences_examples() -> None:
    assert render_markdown(DOC) == (
        "Parquet is spelt `pqt`, never `parquet`.\n"
        "\n"
        "Failing example (`spec.jobspec.yaml`):\n"
        "\n"
        "```yaml\n"
        "format: parquet\n"
        "header: true\n"
        "```\n"
        "\n"
        "Passing example (`spec.jobspec.yaml`):\n"
        "\n"
        "```yaml\n"
        "format: pqt\n"
        "```"
    )


@pytest.mark.parametrize(
    ("filename", "language"),
    [("spec.jobspec.json", "json"), ("spec.jobspec.yml", "yaml"), ("run_job.sh", "sh"),
     ("dag.py", "python"), ("notes.txt", "")],
)
def test_markdown_fence_language(filename: str, language: str) -> None:
    markdown = render_markdown(f"Failing example (``{filename}``)::\n\n    x\n")

    assert markdown == f"Failing example (`{filename}`):\n\n```{language}\nx\n```"


def test_markdown_escapes_text_not_literals() -> None:
    markdown = render_markdown("A *key* [or] <tag> with ``*_[x]_*`` and a\\b or `one`.")

    assert markdown == r"A \*key\* \[or\] \<tag> with `*_[x]_*` and a\\b or \`one\`."


def test_markdown_literal_across_lines() -> None:
    markdown = render_markdown("Run ``jobspec-lint migrate\n--ranfrom VALUE`` to replace it.")

    assert markdown == "Run `jobspec-lint migrate\n--ranfrom VALUE` to replace it."


def test_markdown_keeps_bullet_lists() -> None:
    doc = "It reports:\n\n- a ``path``;\n- a key,\n  wrapped.\n"

    assert render_markdown(doc) == "It reports:\n\n- a `path`;\n- a key,\n  wrapped."


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_rule_docs_convert_without_markup(rule: Rule) -> None:
    plain = render_plain_text(rule.doc)
    markdown = render_markdown(rule.doc)

    assert "``" not in plain
    assert "::\n" not in plain + "\n"
    assert "``" not in markdown.replace("```", "")
    assert "\\`" not in markdown
    assert "::\n" not in markdown + "\n"
    assert markdown.count("```") % 2 == 0
