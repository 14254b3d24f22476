#!/bin/sh
# Launch the daily export and wait for it.
set -eu
response=$(curl -s -X POST "$TRIFACTA_HOST/v3/jobGroups" \
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d @daily-export.jobspec.json)
job_group=$(echo "$response" | jq -r '.jobgroupId')
curl -s "$TRIFACTA_HOST/v3/jobGroups/${job_group}/status"
