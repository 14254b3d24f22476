#!/bin/sh
curl -s -X POST "$TRIFACTA_HOST/v4/jobGroups" -d @daily-export.jobspec.json | jq -r '.id'
