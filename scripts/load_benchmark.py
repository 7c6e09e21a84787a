#!/usr/bin/env python3
"""Load benchmark of `od4g serve`: N respondents (default 200) at once on loopback, each saving
their whole questionnaire, waiting about --pause-ms (default 1000: an autosave every second, far
busier than a person; a random pause between half and one and a half times it), and saving again,
for D seconds (default 60), driven by wrk (one connection per respondent); then the database is checked: every respondent has exactly one response holding the
answers they sent (none lost, none mixed up).

As a baseline in the same run, the same respondents read their questionnaire page (GET) at the
same pace; and the saves again with a fixed pause, the respondents in step (every one of them
saving in the same instant, once a second: the worst case). The three runs alternate (--rounds,
default 2), since this machine's speed drifts. A last run saves with no pause at all, for the
most saves per second the server takes.

    swift build -c release
    python3 scripts/load_benchmark.py [--respondents 200] [--duration 60] [--rounds 2] [--pause-ms 1000] [--binary PATH]

Needs wrk (Debian's package). Prints requests per second, p50/p99 latency and errors of each run,
and exits non-zero when a save failed or an answer is missing from the database."""

import argparse
import csv
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROFILE = ["organisation", "code", "typology", "population", "agents", "departement", "respondent_name", "email", "role",
           "viewpoint"]


def fail(message):
    print("load benchmark: " + message, file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command, work):
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        fail(" ".join(command) + " failed: " + done.stderr)
    return done.stdout


def form_fields(row):
    """The form fields of a simulated respondent's answers: a multiple choice's options repeated,
    a grid's rows as `a.QUESTION.ROW`."""
    fields = []
    for column, value in row.items():
        if column in PROFILE or not value:
            continue
        for part in value.split(";") if ";" in value else [value]:
            fields.append(("a." + column, part))
    return fields


def wrk(url, lua, connections, duration):
    output = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s", "-s", lua, url],
        capture_output=True, text=True).stdout

    def latency(label):
        found = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = re.search(r"(\d+) requests in", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(requests.group(1)) if requests else 0,
        "rate": float(rate.group(1)) if rate else 0.0,
        "p50": latency("50"), "p99": latency("99"),
        "errors": (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0),
        "raw": output,
    }


def lua_script(path, requests, method, pause, jitter=False):
    """A wrk script: each request takes the next respondent's link (and body) in turn; each
    connection waits `pause` ms between its requests, or with `jitter` a random time between half
    and one and a half times `pause` (the same mean): wrk starts every connection at once, so with
    a fixed pause the 200 respondents stay in step and save in the same millisecond every second,
    which people answering a questionnaire do not do."""
    lines = ["local items = {"]
    for link_path, body in requests:
        lines.append("  {%s, %s}," % (json.dumps(link_path), json.dumps(body)))
    lines += [
        "}",
        "local counter = 0",
        "request = function()",
        "  counter = counter + 1",
        "  local item = items[(counter % #items) + 1]",
    ]
    if method == "POST":
        lines.append(
            '  return wrk.format("POST", item[1], {["Content-Type"] = "application/x-www-form-urlencoded"}, item[2])')
    else:
        lines.append('  return wrk.format("GET", item[1])')
    lines.append("end")
    if pause > 0 and jitter:
        lines += ["init = function(args)", "  math.randomseed(os.time() + math.floor(os.clock() * 1000000))", "end",
                  "delay = function()", f"  return math.floor({pause} * (0.5 + math.random()))", "end"]
    elif pause > 0:
        lines += ["delay = function()", f"  return {pause}", "end"]
    with open(path, "w", encoding="utf-8") as script:
        script.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pause-ms", type=int, default=1000)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "od4g"))
    arguments = parser.parse_args()
    if not os.path.exists(arguments.binary):
        fail(f"{arguments.binary} is missing: run `swift build -c release` first")
    if subprocess.run(["which", "wrk"], capture_output=True).returncode != 0:
        fail("wrk is missing: apt-get install wrk")
    od4g = arguments.binary
    work = tempfile.mkdtemp(prefix="od4g-load-")
    database = os.path.join(work, "load.sqlite")
    simulated = os.path.join(work, "simulated.csv")
    run([od4g, "simulate", "--respondents", str(arguments.respondents), "--seed", "7", "--output", simulated], work)
    rows = list(csv.DictReader(open(simulated, encoding="utf-8")))
    invitations = os.path.join(work, "organisations.csv")
    with open(invitations, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["organisation", "code", "typology", "population", "agents", "departement", "email"])
        for row in rows:
            writer.writerow([row[c] for c in ["organisation", "code", "typology", "population", "agents", "departement", "email"]])
    port = free_port()
    links_file = os.path.join(work, "links.csv")
    run([od4g, "invite", "--campaign", "load", invitations, "--output", links_file, "--db", database,
         "--base-url", f"http://127.0.0.1:{port}"], work)
    links = [line["link"] for line in csv.DictReader(open(links_file, encoding="utf-8"))]
    server = subprocess.Popen([od4g, "serve", "--db", database, "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(links[0], timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        else:
            fail("the server did not answer within 10 s")
        posts, gets, expected = [], [], {}
        for row, link in zip(rows, links):
            page = urllib.request.urlopen(link).read().decode("utf-8")
            token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            fields = [("csrf", token), ("action", "save")] + form_fields(row)
            path = urllib.parse.urlparse(link).path
            posts.append((path, urllib.parse.urlencode(fields)))
            gets.append((path, ""))
            expected[row["email"]] = sorted({name[2:].split(".")[0] for name, _ in fields if name.startswith("a.")})
        save_lua, read_lua = os.path.join(work, "save.lua"), os.path.join(work, "read.lua")
        lockstep_lua = os.path.join(work, "save-lockstep.lua")
        flat_out = os.path.join(work, "save-no-pause.lua")
        lua_script(save_lua, posts, "POST", arguments.pause_ms, jitter=True)
        lua_script(read_lua, gets, "GET", arguments.pause_ms, jitter=True)
        lua_script(lockstep_lua, posts, "POST", arguments.pause_ms)
        lua_script(flat_out, posts, "POST", 0)
        base = f"http://127.0.0.1:{port}"
        results = []
        pause = arguments.pause_ms
        plan = [(n, label, lua) for n in range(1, arguments.rounds + 1)
                for label, lua in ((f"save (POST), pauses of {pause // 2}-{pause * 3 // 2} ms", save_lua),
                                   (f"read page (GET, baseline), pauses of {pause // 2}-{pause * 3 // 2} ms", read_lua),
                                   (f"save (POST), {pause} ms pause in step (bursts of {arguments.respondents})",
                                    lockstep_lua))]
        plan.append((arguments.rounds + 1, "save (POST), no pause: saturation", flat_out))
        for round_number, label, lua in plan:
            result = wrk(base, lua, arguments.respondents, arguments.duration)
            results.append((round_number, label, result))
            print(f"round {round_number} {label}: {result['requests']} requests, {result['rate']:.1f} req/s, "
                  f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, errors {result['errors']}", flush=True)
            if result["requests"] == 0:
                fail("wrk made no request:\n" + result["raw"])
    finally:
        server.terminate()
        server.wait(timeout=30)
    # No answer lost: each respondent has one response, holding every question they answered.
    db = sqlite3.connect(database)
    stored = db.execute("SELECT email, answers FROM response").fetchall()
    missing = [email for email in expected if email not in {row[0] for row in stored}]
    wrong = [email for email, answers in stored if sorted(json.loads(answers).keys()) != expected.get(email)]
    saves = sum(r["requests"] for _, label, r in results if label.startswith("save"))
    errors = sum(r["errors"] for _, _, r in results)
    print(f"database: {len(stored)} responses for {len(expected)} respondents, {len(missing)} missing, "
          f"{len(wrong)} with answers differing from those sent; {saves} saves in all, {errors} errors")
    if missing or wrong or errors or len(stored) != len(expected):
        sys.exit(1)


if __name__ == "__main__":
    main()
