"""``jobspec-lint migrate --scan`` on the sample scripts in tests/data/scan."""

from __future__ import annotations

import json

from tests.conftest import REPO, run_cli

SCAN = REPO / "tests" / "data" / "scan"
ENDPOINT = (
    "calls the v3 endpoint /v3/jobGroups: call /v4/jobGroups, which takes the same request body"
)
JOB_GROUP_ID = "reads jobgroupId from the v3 response: the v4 response has the job group id in id"
JOB_IDS = (
    "reads jobIds from the v3 response: the v4 response lists the jobs in jobs.data, "
    "so read jobs.data[].id"
)
STATUS = (
    "polls the v3 status request /v3/jobGroups/{id}/status: poll GET /v4/jobGroups/{id}/status "
    "(later releases), or read the status field of GET /v4/jobGroups/{id} (Release 6.0)"
)


def scan_findings(*paths: str) -> list[tuple[int, int, int, str]]:
    completed = run_cli("migrate", "--scan", "--format", "json", *paths)
    assert completed.returncode == 0, completed.stderr
    findings = json.loads(completed.stdout)["findings"]
    assert {f["code"] for f in findings} <= {"JL405"}
    return [(f["line"], f["column"], f["end_column"], f["message"]) for f in findings]


def test_shell_script() -> None:
    assert scan_findings(str(SCAN / "run_job.sh")) == [
        (4, 43, 56, ENDPOINT),
        (7, 40, 50, JOB_GROUP_ID),
        (8, 24, 57, STATUS),
    ]


def test_airflow_dag() -> None:
    assert scan_findings(str(SCAN / "export_dag.py")) == [
        (6, 47, 60, ENDPOINT),
        (15, 33, 39, JOB_IDS),
        (16, 25, 35, JOB_GROUP_ID),
        (20, 45, 80, STATUS),
    ]


def test_typescript_with_concatenated_status_url() -> None:
    assert scan_findings(str(SCAN / "client.ts")) == [
        (2, 40, 53, ENDPOINT),
        (3, 11, 21, JOB_GROUP_ID),
        (4, 10, 20, JOB_GROUP_ID),
        (7, 64, 95, STATUS),
    ]


def test_workflow_yaml() -> None:
    assert scan_findings(str(SCAN / "workflow.yaml")) == [(9, 33, 46, ENDPOINT)]


def test_v4_script_has_no_findings() -> None:
    assert scan_findings(str(SCAN / "already_v4.sh")) == []


def test_folder_walk_and_text_report() -> None:
    completed = run_cli("migrate", "--scan", "-q", str(SCAN))
    assert completed.returncode == 0
    lines = completed.stdout.splitlines()
    assert len(lines) == 12
    assert lines[0] == f"{SCAN / 'client.ts'}:2:40: info JL405 {ENDPOINT}"


def test_scan_rejects_body_options() -> None:
    completed = run_cli("migrate", "--scan", "--write", str(SCAN))
    assert completed.returncode == 2
    assert "--scan reports code to change and changes nothing" in completed.stderr


def test_scan_missing_path_exits_two() -> None:
    completed = run_cli("migrate", "--scan", str(SCAN / "missing.sh"))
    assert completed.returncode == 2
    assert (f"cannot read {SCAN / 'missing.sh'}: no such file or directory: check the path"
            in completed.stderr)
