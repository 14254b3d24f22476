"""Write N job specs for the benchmarks: about 80% valid, half JSON and half YAML.

The valid bodies are re-runs (``{"wrangledDataset": {"id": 7}}``) and specify-job
bodies with 1 to 4 outputs and 0 to 6 parameter overrides. The invalid ones carry one
of the mistakes senders make (a string id, a misspelt key, ``"parquet"``, a list
where an object goes, a missing comma). The output is the same for the same
count and seed.

    python bench/generate.py 10000 bench/out/specs-10000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

Body = dict[str, Any]

BUCKETS = ["analytics-exports", "finance-reports", "ml-features", "ops-archive"]
SCHEMES = ["s3://{bucket}", "hdfs://hadoop:50070/trifacta/queryResults", "gs://{bucket}",
           "wasbs://{bucket}@store.blob.core.windows.net", "dbfs:/mnt/{bucket}"]
TABLES = ["orders", "customers", "invoices", "sessions", "shipments", "returns", "clicks"]
PARAMETERS = ["region", "month", "year", "country", "channel", "env", "segment", "day"]
FORMATS = ["csv", "json", "avro", "pqt"]


def output(rng: random.Random, table: str) -> Body:
    fmt = rng.choice(FORMATS)
    base = rng.choice(SCHEMES).format(bucket=rng.choice(BUCKETS))
    extension = {"pqt": "parquet"}.get(fmt, fmt)
    setting: Body = {
        "path": f"{base}/{table}/{rng.choice(['daily', 'weekly', 'adhoc'])}/{table}.{extension}",
        "action": rng.choice(["create", "append", "overwrite"]),
        "format": fmt,
    }
    if fmt in ("csv", "json") and rng.random() < 0.5:
        setting["compression"] = rng.choice(["none", "gzip", "bzip2"])
    if fmt == "csv" and rng.random() < 0.5:
        setting["header"] = rng.random() < 0.5
    if fmt in ("csv", "json") and rng.random() < 0.4:
        setting["asSingleFile"] = rng.random() < 0.5
    return setting


def parameter(rng: random.Random, key: str) -> Body:
    values = {
        "region": rng.choice(["eu-west-1", "us-east-2", "ap-south-1"]),
        "month": f"{rng.randint(1, 12):02d}",
        "year": str(rng.randint(2019, 2026)),
        "country": rng.choice(["DE", "FR", "US", "JP"]),
        "channel": rng.choice(["retail", "online", "wholesale"]),
        "env": rng.choice(["prod", "staging"]),
        "segment": rng.choice(["smb", "enterprise"]),
        "day": f"{rng.randint(1, 28):02d}",
    }
    return {"key": key, "value": values[key]}


def valid_body(rng: random.Random) -> Body:
    recipe = {"id": rng.randint(1, 9_999_999)}
    if rng.random() < 0.25:
        return {"wrangledDataset": recipe}
    table = rng.choice(TABLES)
    body: Body = {"wrangledDataset": recipe}
    if rng.random() < 0.5:
        body["ranfrom"] = rng.choice(["cli", None])
    body["overrides"] = {
        "execution": rng.choice(["photon", "spark", "databricksSpark"]),
        "profiler": rng.random() < 0.5,
        "writesettings": [output(rng, table) for _ in range(rng.randint(1, 4))],
    }
    parameter_count = rng.randint(0, 6)
    if parameter_count:
        keys = rng.sample(PARAMETERS, parameter_count)
        body["runParameters"] = {"overrides": {"data": [parameter(rng, key) for key in keys]}}
    return body


def specify_job(rng: random.Random) -> Body:
    body = valid_body(rng)
    while "overrides" not in body:
        body = valid_body(rng)
    return body


# Mistakes on the parsed body. Each returns the broken body.
def string_id(body: Body) -> Body:
    body["wrangledDataset"]["id"] = str(body["wrangledDataset"]["id"])
    return body


def misspelt_top_key(body: Body) -> Body:
    body["wrangleDataset"] = body.pop("wrangledDataset")
    return body


def parquet_format(body: Body) -> Body:
    body["overrides"]["writesettings"][0]["format"] = "parquet"
    return body


def overrides_list(body: Body) -> Body:
    body["overrides"] = [body["overrides"]]
    return body


def nested_run_parameters(body: Body) -> Body:
    body["overrides"]["runParameters"] = {"overrides": {"data": [{"key": "region",
                                                                   "value": "eu"}]}}
    body.pop("runParameters", None)
    return body


def v4_spelling(body: Body) -> Body:
    body["overrides"]["writeSettings"] = body["overrides"].pop("writesettings")
    return body


def compressed_parquet(body: Body) -> Body:
    first = body["overrides"]["writesettings"][0]
    first["format"] = "pqt"
    first["compression"] = "gzip"
    return body


def v4_ranfrom(body: Body) -> Body:
    body["ranfrom"] = "ui"
    return body


def capitalised_execution(body: Body) -> Body:
    body["overrides"]["execution"] = "Photon"
    return body


def string_profiler(body: Body) -> Body:
    body["overrides"]["profiler"] = "false"
    return body


def missing_action(body: Body) -> Body:
    body["overrides"]["writesettings"][-1].pop("action")
    return body


def empty_path(body: Body) -> Body:
    body["overrides"]["writesettings"][0]["path"] = ""
    return body


def zero_id(body: Body) -> Body:
    body["wrangledDataset"]["id"] = 0
    return body


BODY_MISTAKES: list[Callable[[Body], Body]] = [
    string_id, misspelt_top_key, parquet_format, overrides_list, nested_run_parameters,
    v4_spelling, compressed_parquet, v4_ranfrom, capitalised_execution, string_profiler,
    missing_action, empty_path, zero_id,
]


def to_json(body: Body, rng: random.Random) -> str:
    if rng.random() < 0.2:
        return json.dumps(body) + "\n"
    return json.dumps(body, indent=2) + "\n"


def to_yaml(body: Any, indent: int = 0, comment: str | None = None) -> str:
    """Render a body as block-style YAML the way people write it by hand."""
    lines = [f"# {comment}"] if comment else []
    lines.extend(_yaml_lines(body, indent))
    return "\n".join(lines) + "\n"


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    # Quote what YAML would read as another type, or whose characters need it.
    plain = text and text[0] not in "-?:,[]{}#&*!|>'\"%@`" and ": " not in text
    if plain and not _reads_as_other_type(text):
        return text
    return json.dumps(text)


def _reads_as_other_type(text: str) -> bool:
    lowered = text.lower()
    if lowered in {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}:
        return True
    try:
        float(text)
    except ValueError:
        return text[:1].isdigit()
    return True


def _yaml_lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines.extend(_yaml_lines(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {_yaml_inline(item)}")
        return lines
    for item in value:
        if isinstance(item, dict) and item:
            nested = _yaml_lines(item, indent + 2)
            nested[0] = f"{pad}- {nested[0].lstrip()}"
            lines.extend(nested)
        else:
            lines.append(f"{pad}- {_yaml_inline(item)}")
    return lines


def _yaml_inline(value: Any) -> str:
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    return _yaml_scalar(value)


# Mistakes in the text: syntax errors, duplicate keys and unquoted numbers.
def json_missing_comma(text: str) -> str:
    return re.sub(r',(\s*)"overrides"', r'\1"overrides"', text, count=1)


def json_trailing_comma(text: str) -> str:
    closing = text.rstrip().rfind("}")
    inner = text[:closing].rstrip()
    return inner + ",\n}\n"


def json_duplicate_key(text: str) -> str:
    return text.replace("{", '{"ranfrom": "cli", "ranfrom": null, ', 1)


def yaml_unquoted_zero(text: str) -> str:
    return text.replace('value: "0', "value: 0", 1) + "# month sent as a number\n"


def yaml_tab_indent(text: str) -> str:
    return text.replace("\n  id:", "\n\tid:", 1)


def yaml_duplicate_key(text: str) -> str:
    return text + "ranfrom: cli\nranfrom: null\n"


JSON_TEXT_MISTAKES = [json_missing_comma, json_trailing_comma, json_duplicate_key]
YAML_TEXT_MISTAKES = [yaml_unquoted_zero, yaml_tab_indent, yaml_duplicate_key]
COMMENTS = ["Nightly export for the reporting dashboards.", "Re-run after the source refresh.",
            "Owned by the data platform team.", None, None]


def spec_text(rng: random.Random, is_json: bool, valid: bool) -> str:
    if valid:
        body = valid_body(rng)
        return to_json(body, rng) if is_json else to_yaml(body, comment=rng.choice(COMMENTS))
    text_mistakes = JSON_TEXT_MISTAKES if is_json else YAML_TEXT_MISTAKES
    if rng.random() < 0.25:
        body = specify_job(rng)
        if not is_json:
            # A month parameter in quotes, so that the unquoted-zero mistake has one to unquote.
            body.setdefault("runParameters", {"overrides": {"data": []}})
            body["runParameters"]["overrides"]["data"].append({"key": "month", "value": "02"})
        text = to_json(body, rng) if is_json else to_yaml(body)
        return rng.choice(text_mistakes)(text)
    body = rng.choice(BODY_MISTAKES)(specify_job(rng))
    return to_json(body, rng) if is_json else to_yaml(body, comment=rng.choice(COMMENTS))


def generate(count: int, folder: Path, seed: int = 20240501, valid_share: float = 0.8) -> None:
    """Write ``count`` specs into ``folder``, and the names of the valid ones beside it."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    valid_names = []
    for number in range(count):
        is_json = number % 2 == 0
        valid = rng.random() < valid_share
        name = f"spec-{number:05d}.jobspec.{'json' if is_json else 'yaml'}"
        (folder / name).write_text(spec_text(rng, is_json, valid), encoding="utf-8")
        if valid:
            valid_names.append(name)
    # Outside the folder, so that a run over the folder's files does not read it.
    folder.with_name(folder.name + ".valid.txt").write_text("\n".join(valid_names) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of job spec files to write")
    parser.add_argument("folder", type=Path, help="output folder; its old content is removed")
    parser.add_argument("--seed", type=int, default=20240501, help="random seed")
    parser.add_argument("--valid-share", type=float, default=0.8,
                        help="share of valid bodies, between 0 and 1 (default 0.8)")
    arguments = parser.parse_args()
    generate(arguments.count, arguments.folder, arguments.seed, arguments.valid_share)


if __name__ == "__main__":
    main()
