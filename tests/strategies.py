"""Hypothesis strategies for v3 request bodies, written by hand.

hypothesis-jsonschema documents drafts 4 to 7 only, and the bundled schemas
are Draft 2020-12, so the valid shapes are spelt out here from the v3 schema.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

FORMATS = ("csv", "json", "avro", "pqt")
EXTENSIONS = {"csv": ".csv", "json": ".json", "avro": ".avro", "pqt": ".pqt"}
SCHEMES = ("s3://analytics-bucket", "gs://exports-bucket", "hdfs://namenode:8020")

# Names start with a letter: a name such as 0e0 is a number to YAML 1.2, and
# the linter rightly reports it unquoted (JL005).
names = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=11),
)


@st.composite
def outputs(draw: st.DrawFn) -> dict[str, Any]:
    fmt = draw(st.sampled_from(FORMATS))
    compression = "none"
    if fmt in ("csv", "json"):
        compression = draw(st.sampled_from(("none", "gzip", "bzip2")))
    suffix = {"none": "", "gzip": ".gz", "bzip2": ".bz2"}[compression]
    folder = draw(names)
    output: dict[str, Any] = {
        "path": f"{draw(st.sampled_from(SCHEMES))}/{folder}/result{EXTENSIONS[fmt]}{suffix}",
        "action": draw(st.sampled_from(("create", "append", "overwrite"))),
        "format": fmt,
    }
    if draw(st.booleans()) or compression != "none":
        output["compression"] = compression
    if fmt == "csv" and output["action"] != "overwrite" and draw(st.booleans()):
        output["header"] = draw(st.booleans())
    if fmt in ("csv", "json") and draw(st.booleans()):
        output["asSingleFile"] = draw(st.booleans())
    return output


@st.composite
def overrides(draw: st.DrawFn) -> dict[str, Any]:
    result: dict[str, Any] = {
        "execution": draw(st.sampled_from(("photon", "spark", "databricksSpark"))),
        "profiler": draw(st.booleans()),
    }
    items = draw(st.lists(outputs(), min_size=1, max_size=3))
    # Two outputs of one format on one path are a mistake of their own (JL207).
    unique = {(item["path"], item["format"]): item for item in items}
    result["writesettings"] = list(unique.values())
    if result["execution"] == "databricksSpark":
        for item in result["writesettings"]:
            item["path"] = item["path"].replace("hdfs://namenode:8020", "s3://analytics-bucket")
    keep = draw(st.sets(st.sampled_from(tuple(result)), min_size=1))
    return {key: value for key, value in result.items() if key in keep}


@st.composite
def run_parameters(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    data = [{"key": key, "value": draw(names)} for key in keys]
    return {"overrides": {"data": data}}


@st.composite
def bodies(draw: st.DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = {"wrangledDataset": {"id": draw(st.integers(1, 2**63 - 1))}}
    if draw(st.booleans()):
        body["overrides"] = draw(overrides())
    if draw(st.booleans()):
        body["runParameters"] = draw(run_parameters())
    if draw(st.booleans()):
        body["ranfrom"] = draw(st.sampled_from((None, "cli")))
    return body
