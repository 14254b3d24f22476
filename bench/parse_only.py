"""Read and parse job spec files, and nothing else: the floor under any linter's time.

JSON goes through the json module and YAML through PyYAML's libyaml loader
(``CSafeLoader``). A file that does not parse is counted, not reported.

    python bench/parse_only.py FILE...
"""

from __future__ import annotations

import json
import sys

import yaml


def main(paths: list[str]) -> int:
    failed = 0
    for path in paths:
        with open(path, "rb") as stream:
            text = stream.read().decode("utf-8")
        try:
            if path.endswith(".json"):
                json.loads(text)
            else:
                list(yaml.load_all(text, Loader=yaml.CSafeLoader))
        except (ValueError, yaml.YAMLError):
            failed += 1
    print(f"{len(paths)} files parsed, {failed} with syntax errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
