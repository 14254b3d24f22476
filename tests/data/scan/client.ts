export async function runJob(host: string, body: object): Promise<number> {
  const response = await fetch(`${host}/v3/jobGroups`, { method: "POST", body: JSON.stringify(body) });
  const { jobgroupId } = await response.json();
  return jobgroupId;
}

export const statusUrl = (host: string, id: number) => host + '/v3/jobGroups/' + id + '/status';
