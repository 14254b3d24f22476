"""Tests of the bundled JSON Schemas on their own, with python-jsonschema only.

The schemas are also used without the jobspec_lint package (by editors and other validators),
so these tests load the files directly and never import the package.
"""

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schemas"
REFERENCE_DIR = ROOT / "fixtures" / "reference"

SCHEMA_NAMES = ["v3", "v3-first-run", "v4"]
REFERENCE_BODIES = ["rerun.json", "specify-job.json", "specify-job-parameters.json"]
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "https://jobspec-lint.dev/schemas/"
LINT_CODE = "x-jobspec-lint-code"

# Objects whose keys no source lists, so the v4 schema leaves them open on purpose.
OPEN_OBJECTS = {
    "v4": {
        "/$defs/overrides/properties/publications/items",
        "/$defs/overrides/properties/sqlScripts/items",
        "/$defs/overrides/properties/outputObjectSchemaDriftOptions",
        "/$defs/overrides/properties/webhooks/items",
    },
}

# Keywords whose value is one subschema, a list of subschemas, or a map of name to subschema.
SINGLE_SUBSCHEMA = ("items", "if", "then", "else", "not", "additionalProperties", "contains")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SUBSCHEMA_MAPS = ("properties", "$defs", "patternProperties")


def load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def load_schema(name: str) -> dict[str, Any]:
    return load_json(SCHEMA_DIR / f"{name}.schema.json")


def load_reference(name: str) -> dict[str, Any]:
    return load_json(REFERENCE_DIR / name)


def make_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def escape_pointer_token(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def to_pointer(path: Any) -> str:
    """Convert a jsonschema path deque into a JSON pointer ("" for the root)."""
    return "".join("/" + escape_pointer_token(token) for token in path)


def resolve_pointer(document: Any, pointer: str) -> Any:
    node = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def walk_subschemas(schema: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (JSON pointer, subschema) for the schema and every subschema below it."""
    if not isinstance(schema, dict):
        return
    yield pointer, schema

    for keyword in SINGLE_SUBSCHEMA:
        if keyword in schema:
            yield from walk_subschemas(schema[keyword], f"{pointer}/{keyword}")

    for keyword in SUBSCHEMA_LISTS:
        for index, subschema in enumerate(schema.get(keyword, [])):
            yield from walk_subschemas(subschema, f"{pointer}/{keyword}/{index}")

    for keyword in SUBSCHEMA_MAPS:
        for name, subschema in schema.get(keyword, {}).items():
            yield from walk_subschemas(
                subschema, f"{pointer}/{keyword}/{escape_pointer_token(name)}"
            )


def walk_properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (JSON pointer, property schema) for every entry of every `properties`."""
    for pointer, subschema in walk_subschemas(schema):
        for name, property_schema in subschema.get("properties", {}).items():
            yield f"{pointer}/properties/{escape_pointer_token(name)}", property_schema


def schemas_along_path(root: dict[str, Any], schema_path: Any) -> list[dict[str, Any]]:
    """Return the subschemas that an error's schema_path passes through.

    python-jsonschema leaves `$ref` out of schema_path, so a step that the current subschema
    lacks is taken after following that subschema's `$ref`.
    """
    visited = [root]
    node: Any = root
    for step in schema_path:
        if isinstance(node, dict) and step not in node and "$ref" in node:
            node = resolve_pointer(root, node["$ref"].removeprefix("#"))
            visited.append(node)
        node = node[step]
        if isinstance(node, dict):
            visited.append(node)
    return visited


def lint_codes_along(root: dict[str, Any], error: ValidationError) -> list[str]:
    return [
        node[LINT_CODE] for node in schemas_along_path(root, error.schema_path) if LINT_CODE in node
    ]


def error_summary(errors: list[ValidationError]) -> list[tuple[str, str]]:
    return sorted((str(error.validator), to_pointer(error.absolute_path)) for error in errors)


# --- Schema files ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_declares_draft_2020_12(name: str) -> None:
    schema = load_schema(name)

    assert schema["$schema"] == DRAFT_2020_12
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_has_id_title_description(name: str) -> None:
    schema = load_schema(name)

    assert schema["$id"] == f"{ID_PREFIX}{name}.schema.json"
    assert isinstance(schema["title"], str)
    assert schema["title"].strip()
    assert isinstance(schema["description"], str)
    assert schema["description"].strip()


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_property_has_description(name: str) -> None:
    undescribed = [
        pointer
        for pointer, property_schema in walk_properties(load_schema(name))
        if not str(property_schema.get("description", "")).strip()
    ]

    assert undescribed == []


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_def_has_description(name: str) -> None:
    schema = load_schema(name)
    undescribed = [
        def_name
        for def_name, subschema in schema["$defs"].items()
        if not str(subschema.get("description", "")).strip()
    ]

    assert undescribed == []


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_objects_reject_unknown_keys(name: str) -> None:
    open_objects = OPEN_OBJECTS.get(name, set())
    found_open = set()

    for pointer, subschema in walk_subschemas(load_schema(name)):
        declared_type = subschema.get("type")
        is_object = declared_type == "object" or (
            isinstance(declared_type, list) and "object" in declared_type
        )
        # An `if` or `then` branch only adds conditions to the object it applies to.
        is_branch = pointer.endswith(("/if", "/then"))

        if "properties" in subschema and not is_branch:
            assert subschema.get("additionalProperties") is False, pointer
        if is_object and "properties" not in subschema:
            assert pointer in open_objects, f"object schema without properties at {pointer}"
            found_open.add(pointer)

    assert found_open == open_objects


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_refs_stay_inside_file(name: str) -> None:
    schema = load_schema(name)
    refs = [
        (pointer, subschema["$ref"])
        for pointer, subschema in walk_subschemas(schema)
        if "$ref" in subschema
    ]

    assert refs, "expected the schema to use $defs"
    for pointer, ref in refs:
        assert ref.startswith("#/$defs/"), f"{pointer}: {ref}"
        assert isinstance(resolve_pointer(schema, ref.removeprefix("#")), dict), ref


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_no_dynamic_refs_or_nested_ids(name: str) -> None:
    text = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")

    assert text.count('"$id"') == 1
    assert '"$dynamicRef"' not in text
    assert '"$anchor"' not in text


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_enum_values_named_in_description(name: str) -> None:
    unexplained = []
    for pointer, property_schema in walk_properties(load_schema(name)):
        description = property_schema.get("description", "")
        for value in property_schema.get("enum", []):
            if json.dumps(value) not in description:
                unexplained.append(f"{pointer}: {json.dumps(value)}")

    assert unexplained == []


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_compression_rule_carries_jl201(name: str) -> None:
    rule = load_schema(name)["$defs"]["writeSetting"]["allOf"][0]

    assert rule["then"][LINT_CODE] == "JL201"
    assert rule["then"]["description"]
    assert rule["$comment"]
    assert rule["if"]["required"] == ["format"]
    assert "csv" not in rule["if"]["properties"]["format"]["enum"]
    assert "json" not in rule["if"]["properties"]["format"]["enum"]


def test_first_run_duplicates_v3_defs() -> None:
    v3_defs = load_schema("v3")["$defs"]
    first_run_defs = load_schema("v3-first-run")["$defs"]

    assert first_run_defs.keys() == v3_defs.keys()
    for def_name in ("wrangledDataset", "writeSetting", "runParameters", "parameterOverride"):
        assert first_run_defs[def_name] == v3_defs[def_name], def_name

    v3_overrides = v3_defs["overrides"]["properties"]
    first_run_overrides = first_run_defs["overrides"]["properties"]
    assert first_run_overrides.keys() == v3_overrides.keys()
    assert first_run_overrides["execution"] == v3_overrides["execution"]
    assert first_run_overrides["profiler"] == v3_overrides["profiler"]
    assert first_run_overrides["writesettings"]["items"] == v3_overrides["writesettings"]["items"]


# --- Reference bodies ------------------------------------------------------------------------


@pytest.mark.parametrize("body_name", REFERENCE_BODIES)
@pytest.mark.parametrize("schema_name", ["v3", "v4"])
def test_reference_body_valid(schema_name: str, body_name: str) -> None:
    errors = list(make_validator(schema_name).iter_errors(load_reference(body_name)))

    assert error_summary(errors) == []


@pytest.mark.parametrize("body_name", ["specify-job.json", "specify-job-parameters.json"])
def test_first_run_accepts_specify_job(body_name: str) -> None:
    errors = list(make_validator("v3-first-run").iter_errors(load_reference(body_name)))

    assert error_summary(errors) == []


def test_first_run_rejects_rerun_body() -> None:
    errors = list(make_validator("v3-first-run").iter_errors(load_reference("rerun.json")))

    assert error_summary(errors) == [("required", "")]
    assert "overrides" in errors[0].message


# --- Table of bodies -------------------------------------------------------------------------

Edit = Callable[[dict[str, Any]], None]


def edited_body(edit: Edit, base: str = "specify-job-parameters.json") -> dict[str, Any]:
    body = copy.deepcopy(load_reference(base))
    edit(body)
    return body


def set_output(**fields: Any) -> Edit:
    def edit(body: dict[str, Any]) -> None:
        body["overrides"]["writesettings"][0].update(fields)

    return edit


def drop_output_key(key: str) -> Edit:
    def edit(body: dict[str, Any]) -> None:
        del body["overrides"]["writesettings"][0][key]

    return edit


def set_at(pointer: str, value: Any) -> Edit:
    def edit(body: dict[str, Any]) -> None:
        *parents, last = pointer.split("/")[1:]
        parent = resolve_pointer(body, "".join("/" + token for token in parents))
        if isinstance(parent, list):
            parent[int(last)] = value
        else:
            parent[last] = value

    return edit


def delete_at(pointer: str) -> Edit:
    def edit(body: dict[str, Any]) -> None:
        *parents, last = pointer.split("/")[1:]
        parent = resolve_pointer(body, "".join("/" + token for token in parents))
        del parent[last]

    return edit


def camel_case_outputs(keep_lowercase: bool) -> Edit:
    def edit(body: dict[str, Any]) -> None:
        outputs = body["overrides"]["writesettings"]
        body["overrides"]["writeSettings"] = copy.deepcopy(outputs)
        if not keep_lowercase:
            del body["overrides"]["writesettings"]

    return edit


def nest_run_parameters(body: dict[str, Any]) -> None:
    body["overrides"]["runParameters"] = body.pop("runParameters")


def add_v4_keys(body: dict[str, Any]) -> None:
    body.update(
        ranfrom="ui",
        forceCacheUpdate=False,
        ignoreRecipeErrors=False,
        testMode=True,
        workspaceId=12,
    )
    body["runParameters"]["referenceDate"] = "2024-05-01T08:30:00Z"
    body["overrides"].update(
        execution="emrSpark",
        isAdhoc=True,
        ignoreRecipeErrors=True,
        publications=[{"connectionId": 3}],
        sqlScripts=[],
        outputObjectSchemaDriftOptions={"schemaValidation": True},
        webhooks=[],
    )
    body["overrides"]["writesettings"][0].update(
        delim=";",
        hasQuotes=True,
        includeMismatches=False,
        outputObjectId=44,
        connectionId="5",
        prefix="run-",
        suffix="-final",
        runParameters={"overrides": {"data": [{"key": "region", "value": "eu"}]}},
    )


def add_json_output(body: dict[str, Any]) -> None:
    outputs = body["overrides"]["writesettings"]
    outputs.append({**outputs[0], "format": "json", "compression": "gzip"})


VALID_CASES = [
    ("v3", "csv with gzip", set_output(format="csv", compression="gzip")),
    ("v3", "json with bzip2", set_output(format="json", compression="bzip2")),
    ("v3", "pqt with none", set_output(format="pqt", compression="none")),
    ("v3", "avro without compression", drop_output_key("compression")),
    ("v3", "ranfrom null", set_at("/ranfrom", None)),
    ("v3", "ranfrom absent", delete_at("/ranfrom")),
    ("v3", "empty overrides", set_at("/overrides", {})),
    ("v3", "empty writesettings", set_at("/overrides/writesettings", [])),
    ("v3", "empty parameter list", set_at("/runParameters/overrides/data", [])),
    ("v3", "empty runParameters", set_at("/runParameters", {})),
    ("v3", "largest id", set_at("/wrangledDataset/id", 2**63 - 1)),
    ("v3", "only execution override", set_at("/overrides", {"execution": "spark"})),
    ("v4", "camelCase writeSettings", camel_case_outputs(keep_lowercase=False)),
    ("v4", "every v4 key", add_v4_keys),
    ("v4", "hyper format", set_output(format="hyper", compression="none")),
    ("v4", "csv with snappy", set_output(format="csv", compression="snappy")),
    ("v4", "ranfrom cli", set_at("/ranfrom", "cli")),
    ("v4", "ranfrom schedule", set_at("/ranfrom", "schedule")),
    ("v4", "execution dataflow", set_at("/overrides/execution", "dataflow")),
    ("v4", "connectionId integer", set_output(connectionId=5)),
    ("v3-first-run", "two outputs", add_json_output),
]


@pytest.mark.parametrize(
    ("schema_name", "edit"),
    [(schema_name, edit) for schema_name, _, edit in VALID_CASES],
    ids=[f"{schema_name}: {label}" for schema_name, label, _ in VALID_CASES],
)
def test_valid_body(schema_name: str, edit: Edit) -> None:
    errors = list(make_validator(schema_name).iter_errors(edited_body(edit)))

    assert error_summary(errors) == []


OUTPUT = "/overrides/writesettings/0"

# (schema, label, edit, expected keyword, expected instance pointer, expected lint code or None).
# The formatter is off for this table, which reads better with one case per line or two.
# fmt: off
INVALID_CASES = [
    ("v3", "format parquet", set_output(format="parquet"), "enum", f"{OUTPUT}/format", None),
    ("v3", "format parquet with gzip", set_output(format="parquet", compression="gzip"),
     "enum", f"{OUTPUT}/format", None),
    ("v3", "format hyper", set_output(format="hyper"), "enum", f"{OUTPUT}/format", None),
    ("v3", "id as string", set_at("/wrangledDataset/id", "7"), "type", "/wrangledDataset/id", None),
    ("v3", "id zero", set_at("/wrangledDataset/id", 0), "minimum", "/wrangledDataset/id", None),
    ("v3", "id negative", set_at("/wrangledDataset/id", -4), "minimum", "/wrangledDataset/id",
     None),
    ("v3", "id beyond 64 bits", set_at("/wrangledDataset/id", 2**63), "maximum",
     "/wrangledDataset/id", None),
    ("v3", "id fraction", set_at("/wrangledDataset/id", 7.5), "type", "/wrangledDataset/id", None),
    ("v3", "id missing", set_at("/wrangledDataset", {}), "required", "/wrangledDataset", None),
    ("v3", "wrangledDataset missing", delete_at("/wrangledDataset"), "required", "", None),
    ("v3", "overrides as list", set_at("/overrides", [{"execution": "photon"}]), "type",
     "/overrides", None),
    ("v3", "unknown top-level key", set_at("/wrangleDataset", {"id": 1}), "additionalProperties",
     "", None),
    ("v3", "unknown output key", set_output(asSingleFIle=True), "additionalProperties", OUTPUT,
     None),
    ("v3", "writeSettings spelling", camel_case_outputs(keep_lowercase=False),
     "additionalProperties", "/overrides", None),
    ("v3", "runParameters in overrides", nest_run_parameters, "additionalProperties",
     "/overrides", None),
    ("v3", "execution emrSpark", set_at("/overrides/execution", "emrSpark"), "enum",
     "/overrides/execution", None),
    ("v3", "execution capitalised", set_at("/overrides/execution", "Photon"), "enum",
     "/overrides/execution", None),
    ("v3", "profiler as string", set_at("/overrides/profiler", "false"), "type",
     "/overrides/profiler", None),
    ("v3", "writesettings as object", set_at("/overrides/writesettings", {"path": "s3://b/x"}),
     "type", "/overrides/writesettings", None),
    ("v3", "ranfrom ui", set_at("/ranfrom", "ui"), "enum", "/ranfrom", None),
    ("v3", "action replace", set_output(action="replace"), "enum", f"{OUTPUT}/action", None),
    ("v3", "compression gz", set_output(compression="gz"), "enum", f"{OUTPUT}/compression", None),
    ("v3", "compression snappy", set_output(compression="snappy"), "enum",
     f"{OUTPUT}/compression", None),
    ("v3", "header as string", set_output(header="false"), "type", f"{OUTPUT}/header", None),
    ("v3", "path empty", set_output(path=""), "minLength", f"{OUTPUT}/path", None),
    ("v3", "path missing", drop_output_key("path"), "required", OUTPUT, None),
    ("v3", "action missing", drop_output_key("action"), "required", OUTPUT, None),
    ("v3", "format missing", drop_output_key("format"), "required", OUTPUT, None),
    ("v3", "pqt with gzip", set_output(format="pqt", compression="gzip"), "const",
     f"{OUTPUT}/compression", "JL201"),
    ("v3", "avro with bzip2", set_output(format="avro", compression="bzip2"), "const",
     f"{OUTPUT}/compression", "JL201"),
    ("v3", "parameter value missing", delete_at("/runParameters/overrides/data/0/value"),
     "required", "/runParameters/overrides/data/0", None),
    # A number is accepted (the linter warns with JL303); a list is not.
    ("v3", "parameter value list", set_at("/runParameters/overrides/data/0/value", ["a"]), "type",
     "/runParameters/overrides/data/0/value", None),
    ("v3", "data under runParameters", set_at("/runParameters", {"data": []}),
     "additionalProperties", "/runParameters", None),
    ("v3-first-run", "overrides without profiler", delete_at("/overrides/profiler"), "required",
     "/overrides", None),
    ("v3-first-run", "empty writesettings", set_at("/overrides/writesettings", []), "minItems",
     "/overrides/writesettings", None),
    ("v3-first-run", "pqt with gzip", set_output(format="pqt", compression="gzip"), "const",
     f"{OUTPUT}/compression", "JL201"),
    ("v4", "both spellings", camel_case_outputs(keep_lowercase=True), "not", "/overrides",
     "JL404"),
    ("v4", "hyper with snappy", set_output(format="hyper", compression="snappy"), "const",
     f"{OUTPUT}/compression", "JL201"),
    ("v4", "pqt with snappy", set_output(format="pqt", compression="snappy"), "const",
     f"{OUTPUT}/compression", "JL201"),
    ("v4", "format parquet", set_output(format="parquet"), "enum", f"{OUTPUT}/format", None),
    ("v4", "ranfrom capitalised", set_at("/ranfrom", "UI"), "enum", "/ranfrom", None),
    ("v4", "execution unknown", set_at("/overrides/execution", "flink"), "enum",
     "/overrides/execution", None),
    ("v4", "referenceDate not a date", set_at("/runParameters/referenceDate", "yesterday"),
     "format", "/runParameters/referenceDate", None),
    ("v4", "workspaceId as string", set_at("/workspaceId", "12"), "type", "/workspaceId", None),
    ("v4", "testMode as string", set_at("/testMode", "true"), "type", "/testMode", None),
    ("v4", "id as string", set_at("/wrangledDataset/id", "7"), "type", "/wrangledDataset/id",
     None),
    ("v4", "unknown output key", set_output(delimiter=","), "additionalProperties", OUTPUT, None),
]
# fmt: on


@pytest.mark.parametrize(
    ("schema_name", "edit", "keyword", "pointer", "code"),
    [case[:1] + case[2:] for case in INVALID_CASES],
    ids=[f"{case[0]}: {case[1]}" for case in INVALID_CASES],
)
def test_invalid_body(
    schema_name: str, edit: Edit, keyword: str, pointer: str, code: str | None
) -> None:
    validator = make_validator(schema_name)
    errors = list(validator.iter_errors(edited_body(edit)))

    assert error_summary(errors) == [(keyword, pointer)]

    codes = lint_codes_along(validator.schema, errors[0])
    if code is None:
        assert codes == []
    else:
        assert codes == [code]


def test_jl201_error_passes_through_then() -> None:
    validator = make_validator("v3")
    body = edited_body(set_output(format="pqt", compression="gzip"))
    (error,) = validator.iter_errors(body)

    assert error.validator == "const"
    assert "then" in error.schema_path
    assert error.instance == "gzip"


def test_date_time_format_checked() -> None:
    checkers = Draft202012Validator.FORMAT_CHECKER.checkers

    assert "date-time" in checkers, "date-time checks need rfc3339-validator installed"
