"""Runs the shell steps of a CI recipe of docs/integration/ where no CI runner is.

  run_ci_recipe.py github|gitlab RECIPE.yml REPO_DIR

GitHub Actions: the jobs in `needs` order, each matrix combination in turn,
`${{ matrix.X }}` and `${{ env.X }}` substituted, every `run:` step executed
with bash -e in REPO_DIR (one workspace stands for the runners, so artifacts
need no upload). Steps that call an external action (`uses:`) cannot run here:
each is printed as "skipped action: NAME". GitLab CI: each job's `script`, once
per `parallel` index with CI_NODE_INDEX / CI_NODE_TOTAL set.
Prints "ran: JOB: STEP" per step; exits with the first failing step's status.
"""
import itertools
import os
import re
import subprocess
import sys

import yaml


def substitute(text, values):
    def expand(match):
        scope, name = match.group(1), match.group(2)
        if (scope, name) not in values:
            sys.exit("run_ci_recipe: no value for ${{ %s.%s }}" % (scope, name))
        return str(values[(scope, name)])
    return re.sub(r"\$\{\{\s*(\w+)\.(\w+)\s*\}\}", expand, text)


def run(job, label, script, cwd, env):
    print("ran: %s: %s" % (job, label), flush=True)
    status = subprocess.call(["bash", "--noprofile", "--norc", "-e", "-c", script], cwd=cwd, env=env)
    if status != 0:
        print("run_ci_recipe: step failed with exit %d: %s: %s" % (status, job, label), flush=True)
        sys.exit(status)


def job_order(jobs):
    done, order = set(), []
    def visit(name):
        if name in done:
            return
        needs = jobs[name].get("needs", [])
        for need in [needs] if isinstance(needs, str) else needs:
            visit(need)
        done.add(name)
        order.append(name)
    for name in jobs:
        visit(name)
    return order


def github(recipe, repo):
    env_values = {("env", k): v for k, v in (recipe.get("env") or {}).items()}
    jobs = recipe["jobs"]
    for name in job_order(jobs):
        job = jobs[name]
        matrix = (job.get("strategy") or {}).get("matrix") or {}
        keys = sorted(matrix)
        for combination in itertools.product(*(matrix[k] for k in keys)) if keys else [()]:
            values = dict(env_values)
            values.update({("matrix", k): v for k, v in zip(keys, combination)})
            env = dict(os.environ)
            env.update({k: str(v) for (scope, k), v in env_values.items()})
            env["CI"] = "true"
            for index, step in enumerate(job["steps"]):
                label = substitute(step.get("name") or step.get("uses") or "step %d" % index, values)
                if "uses" in step:
                    print("skipped action: %s: %s" % (name, step["uses"]), flush=True)
                    continue
                run(name, label, substitute(step["run"], values), repo, env)


def gitlab(recipe, repo):
    for name, job in recipe.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        total = int(job.get("parallel", 1))
        for index in range(1, total + 1):
            env = dict(os.environ)
            env.update({k: str(v) for k, v in (job.get("variables") or {}).items()})
            env.update({"CI": "true", "CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total)})
            for line in job["script"]:
                run("%s %d/%d" % (name, index, total), line.split("\n")[0][:60], line, repo, env)


def main():
    kind, path, repo = sys.argv[1:4]
    with open(path) as f:
        recipe = yaml.safe_load(f)
    {"github": github, "gitlab": gitlab}[kind](recipe, repo)


if __name__ == "__main__":
    main()
