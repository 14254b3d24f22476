"""Runs the loader, the schema and the rules over a file and stamps each finding."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from jobspec_lint.document import Document, Format, parent_pointer
from jobspec_lint.findings import Finding, Problem, Severity
from jobspec_lint.load import LoadResult, TextProblem, load_bytes
from jobspec_lint.positions import LineIndex, ReportLines, Span
from jobspec_lint.rules import all_rules, rules_by_code
from jobspec_lint.rules.base import Rule, RuleContext
from jobspec_lint.schema.bundled import load_schema
from jobspec_lint.schema.model import SchemaModel
from jobspec_lint.settings import Settings
from jobspec_lint.suppress import apply_suppressions

# A pseudo-code that ranks the schema translation before the JL1 rules' checks.
SCHEMA_PRODUCER = "JL100"


class FileResult:
    """The findings of one file, and its text for reports that show source lines."""

    def __init__(
        self,
        path: str,
        findings: list[Finding] | None = None,
        lines: ReportLines | None = None,
        documents: list[Document] | None = None,
        redactions: list[Span] | None = None,
        linted: bool = True,
    ) -> None:
        self.path = path
        self.findings = [] if findings is None else findings
        # All of the text while linting; a compacted result keeps only some lines.
        self.lines = lines
        self.documents = [] if documents is None else documents
        # Spans of the file's text that hold secrets: never print them.
        self.redactions = [] if redactions is None else redactions
        # False for a file that only carries findings about itself, such as
        # a baseline's unused entries: reports do not count it as linted.
        self.linted = linted

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileResult):
            return NotImplemented
        return (self.path, self.findings, self.lines, self.documents, self.redactions) == (
            other.path, other.findings, other.lines, other.documents, other.redactions
        )

    def __repr__(self) -> str:
        return f"FileResult(path={self.path!r}, findings={self.findings!r})"


@cache
def schema_model(api: str) -> SchemaModel:
    return SchemaModel(api, load_schema(api))


class _Plan:
    """The rule selection of a ``Settings`` object, worked out once for all the files of a run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.selected: dict[str, bool] = {}
        self.runnable: list[Rule] | None = None


# ``Settings`` contains a dict, so it cannot be a key itself. Each plan keeps its
# settings alive, so that their ``id`` is not reused while the plan is kept.
_PLANS: dict[int, _Plan] = {}
# A language server makes new settings often: keep few plans.
_MAX_PLANS = 64


def _plan(settings: Settings) -> _Plan:
    plan = _PLANS.get(id(settings))
    if plan is None or plan.settings is not settings:
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        plan = _PLANS[id(settings)] = _Plan(settings)
    return plan


def is_selected(code: str, settings: Settings) -> bool:
    selected = _plan(settings).selected
    known = selected.get(code)
    if known is None:
        known = selected[code] = _is_selected(code, settings)
    return known


def _is_selected(code: str, settings: Settings) -> bool:
    rule = rules_by_code().get(code)
    names = {code, rule.name} if rule else {code}

    def matches(pattern: str) -> bool:
        prefix = pattern.upper()
        return pattern in names or (prefix.startswith("JL") and code.startswith(prefix))

    if settings.select and not any(matches(p) for p in settings.select):
        return False
    return not any(matches(p) for p in settings.ignore)


def lint_bytes(data: bytes, path: str, fmt: Format, settings: Settings) -> FileResult:
    """Lint the raw bytes of one file that contains one or more request bodies."""
    loaded = load_bytes(data, path, fmt, settings.limits)
    return lint_loaded(loaded, path, settings)


def lint_loaded(loaded: LoadResult, path: str, settings: Settings) -> FileResult:
    result = FileResult(path, lines=loaded.lines, documents=loaded.documents)
    documents = {document.index: document for document in loaded.documents}
    for index in _document_indexes(loaded):
        document = documents.get(index)
        text_problems = [p for p in loaded.problems if p.document == index]
        problems = _document_problems(document, text_problems, settings, result.redactions)
        result.findings.extend(
            _stamp(code, problem, document, loaded.lines, path, index, settings)
            for code, problem in problems
        )
    result.findings.sort(key=Finding.sort_key)
    result.findings = apply_suppressions(
        result.findings, loaded.documents, loaded.lines, path, settings
    )
    return result


def _document_indexes(loaded: LoadResult) -> list[int]:
    indexes = {document.index for document in loaded.documents}
    indexes.update(problem.document for problem in loaded.problems)
    return sorted(indexes)


def _document_problems(
    document: Document | None,
    text_problems: list[TextProblem],
    settings: Settings,
    redactions: list[Span],
) -> list[tuple[str, Problem]]:
    """Run every producer in precedence order; a claimed node hides later problems on it.

    Secrets are collected into ``redactions`` even from problems that are not
    reported, so that no report prints them.
    """
    accepted: list[tuple[str, Problem]] = []
    claims: list[str] = []
    for code, problem in _produce(document, text_problems, settings):
        redactions.extend(problem.redact)
        if not is_selected(code, settings) or _is_claimed(problem.pointer, claims):
            continue
        if problem.report:
            accepted.append((code, problem))
        if problem.claims_subtree:
            claims.append(problem.pointer)
    return accepted


def _is_claimed(pointer: str, claims: Iterable[str]) -> bool:
    return any(pointer == c or pointer.startswith(c + "/") or c == "" for c in claims)


def _produce(
    document: Document | None, text_problems: list[TextProblem], settings: Settings
) -> Iterator[tuple[str, Problem]]:
    for text_problem in text_problems:
        yield text_problem.code, Problem(
            text_problem.pointer,
            text_problem.message,
            span=text_problem.span,
            claims_subtree=text_problem.claims_subtree,
        )
    if document is None:
        return
    model = schema_model(settings.api)
    context = RuleContext(
        settings.api, settings.first_run, model,
        options={"allow_placeholders": settings.allow_placeholders},
    )
    # The schema reports as one producer ranked with the JL1 rules, before them.
    for rule in _runnable_rules(settings):
        if rule.code == SCHEMA_PRODUCER:
            if isinstance(document.value, dict):
                yield from _schema_problems(document, model)
            continue
        assert rule.check is not None
        for problem in rule.check(document, context):
            yield problem.code or rule.code, problem


def _schema_problems(document: Document, model: SchemaModel) -> Iterator[tuple[str, Problem]]:
    from jobspec_lint.schema.translate import schema_problems

    for problem in schema_problems(document.value, model, document):
        assert problem.code is not None
        yield problem.code, problem


# Rules that run even when not selected, because their problems carry the
# secrets every report must mask; the engine still drops their findings.
ALWAYS_RUN = frozenset({"JL209"})


def _runnable_rules(settings: Settings) -> list[Rule]:
    plan = _plan(settings)
    if plan.runnable is None:
        plan.runnable = _select_runnable(settings)
    return plan.runnable


def _select_runnable(settings: Settings) -> list[Rule]:
    rules = [
        rule
        for rule in all_rules()
        if rule.check is not None
        and settings.api in rule.targets
        and (is_selected(rule.code, settings) or rule.code in ALWAYS_RUN)
    ]
    rules.append(_SCHEMA_RULE)
    return sorted(rules, key=lambda rule: (rule.phase, rule.code))


_SCHEMA_RULE = Rule(SCHEMA_PRODUCER, "schema", "the body schema", Severity.ERROR)


def _severity(code: str, problem: Problem, settings: Settings) -> Severity:
    if code in settings.severity:
        return settings.severity[code]
    rule = rules_by_code()[code]
    if code == "JL107" and settings.first_run:
        return Severity.ERROR
    return problem.severity or rule.severity


def _span(problem: Problem, document: Document | None) -> Span:
    if problem.span is not None:
        return problem.span
    assert document is not None
    pointer = parent_pointer(problem.pointer) if problem.target == "parent" else problem.pointer
    if pointer == "" and not document.has_spans and document.body_span is not None:
        # The whole body: known without the span map that the readers build
        # lazily, so a file with only a body-level finding (JL401) skips it.
        return _body_span(problem, document.body_span)
    spans = document.node_spans(pointer)
    if spans is None:
        return Span(document.span.start, min(document.span.start + 1, document.span.end))
    if problem.target == "value":
        return spans.value
    if spans.key is not None:
        return spans.key
    # A missing key at the top level: point at the body's first character.
    return Span(spans.value.start, min(spans.value.start + 1, spans.value.end))


def _body_span(problem: Problem, body: Span) -> Span:
    """Return the span of the body's value, or of its first character for a key problem."""
    if problem.target == "value":
        return body
    return Span(body.start, min(body.start + 1, body.end))


def _stamp(
    code: str,
    problem: Problem,
    document: Document | None,
    lines: LineIndex,
    path: str,
    index: int,
    settings: Settings,
) -> Finding:
    span = _span(problem, document)
    start = lines.position(span.start)
    end = lines.position(max(span.end, span.start))
    rule = rules_by_code()[code]
    return Finding(
        path=path,
        document=index,
        line=start.line,
        column=start.column,
        end_line=end.line,
        end_column=end.column,
        code=code,
        name=rule.name,
        severity=_severity(code, problem, settings),
        message=problem.message,
        pointer=problem.pointer,
        fix=problem.fix,
    )
