"""Airflow DAG that runs the orders recipe every night."""

import requests
from airflow.decorators import dag, task

JOB_GROUPS_URL = "https://trifacta.example.com/v3/jobGroups"


@dag(schedule="@daily")
def orders_export():
    @task
    def launch(body: dict) -> int:
        response = requests.post(JOB_GROUPS_URL, json=body, timeout=30)
        started = response.json()
        print("jobs:", started["jobIds"])
        return started["jobgroupId"]

    @task
    def wait(job_group_id: int) -> str:
        url = f"https://trifacta.example.com/v3/jobGroups/{job_group_id}/status"
        return requests.get(url, timeout=30).json()


orders_export()
