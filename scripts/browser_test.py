#!/usr/bin/env python3
"""Real-browser test of `od4g serve`: a commune opens its invitation link in Chromium, answers,
sees the follow-up appear after "Oui", leaves, comes back with the same link and finds its
answers, submits and reads its diagnostic; then an advisor logs in to the console and finds the
response counted. Run from the repository root after `swift build`:

    python3 scripts/browser_test.py [--screenshots FOLDER]

Needs Chromium, chromium-driver (Debian) and Selenium (PyPI); `.ci/run` installs them.
Exits non-zero, saying which step failed, on any failure."""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OD4G = os.path.join(ROOT, ".build", "debug", "od4g")


def fail(step, detail=""):
    print(f"browser test: FAILED at {step}" + (f": {detail}" if detail else ""), file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def browser(width):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=fr"]:
        options.add_argument(argument)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": 900, "pixelRatio": 1}})
    driver = "/usr/bin/chromedriver"
    return webdriver.Chrome(options=options, service=Service(driver) if os.path.exists(driver) else None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshots", help="folder for the screenshots (default: a temporary one)")
    arguments = parser.parse_args()
    if not os.path.exists(OD4G):
        fail("setup", f"{OD4G} is missing: run `swift build` first")
    work = tempfile.mkdtemp(prefix="od4g-browser-")
    shots = arguments.screenshots or work
    os.makedirs(shots, exist_ok=True)
    database = os.path.join(work, "od4g.sqlite")
    with open(os.path.join(work, "orgs.csv"), "w", encoding="utf-8") as list_file:
        list_file.write("organisation,code,typology,population,agents,departement,email\n")
        list_file.write("Commune de Lucey,21550310,commune,620,4,55,mairie@lucey.example\n")
    with open(os.path.join(work, "password.txt"), "w", encoding="utf-8") as password_file:
        password_file.write("mot-de-passe-du-test\n")
    links = os.path.join(work, "links.csv")
    port = free_port()
    invite = subprocess.run(
        [OD4G, "invite", "--campaign", "web", os.path.join(work, "orgs.csv"), "--output", links, "--db", database,
         "--base-url", f"http://127.0.0.1:{port}"],
        cwd=ROOT, capture_output=True, text=True)
    if invite.returncode != 0:
        fail("od4g invite", invite.stderr)
    link = open(links, encoding="utf-8").read().splitlines()[1].split(",")[-1]
    user = subprocess.run(
        [OD4G, "user", "add", "conseil", "--password-file", os.path.join(work, "password.txt"), "--db", database],
        cwd=ROOT, capture_output=True, text=True)
    if user.returncode != 0:
        fail("od4g user add", user.stderr)
    server = subprocess.Popen(
        [OD4G, "serve", "--db", database, "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(link, timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        else:
            fail("od4g serve", "the server did not answer within 10 s")
        driver = browser(390)
        try:
            driver.get(link)
            if "Commune de Lucey" not in driver.page_source:
                fail("opening the link", "the page does not say who answers")
            if "Cette mission est-elle écrite" in driver.page_source:
                fail("opening the link", "the follow-up shows before its question is answered")
            if driver.execute_script("return document.documentElement.scrollWidth") > 390:
                fail("phone width", "the page is wider than the phone")
            driver.save_screenshot(os.path.join(shots, "web-form.png"))
            # The profile: the invitation's organisation shown, the respondent's role chosen.
            if "<dd>Commune de Lucey</dd>" not in driver.page_source:
                fail("profile", "the organisation of the invitation is not shown")
            role = Select(driver.find_element(By.ID, "p-role"))
            driver.execute_script("arguments[0].scrollIntoView({block:'center'})", driver.find_element(By.ID, "p-role"))
            role.select_by_value("dgs")
            # The choice is saved at once and the page's questions replaced: wait for it, as a person would see it.
            try:
                WebDriverWait(driver, 10).until(
                    lambda d: "Enregistré automatiquement" in d.find_element(By.CSS_SELECTOR, ".autosave").text)
            except Exception:
                fail("autosave", "choosing a role was not saved without pressing a button")
            # A justification typed in the folded details of the question.
            details = driver.find_element(By.ID, "d-pil-referent")
            driver.execute_script("arguments[0].scrollIntoView({block:'center'})", details)
            details.find_element(By.TAG_NAME, "summary").click()
            driver.find_element(By.ID, "j-pil-referent").send_keys("Délibération du 3 mars")
            yes = driver.find_element(By.CSS_SELECTOR, "input[name='a.pil-referent'][value='yes']")
            driver.execute_script("arguments[0].scrollIntoView({block:'center'})", yes)
            yes.click()
            # With JavaScript the change is saved at once and the follow-up appears, no button pressed.
            try:
                WebDriverWait(driver, 10).until(lambda d: "Cette mission est-elle écrite" in d.page_source)
            except Exception:
                fail("live follow-up", "the follow-up of « Oui » did not appear without pressing a button")
            WebDriverWait(driver, 10).until(
                lambda d: "Enregistré automatiquement" in d.find_element(By.CSS_SELECTOR, ".autosave").text)
            save = driver.find_element(By.CSS_SELECTOR, "button[value=save]")
            driver.execute_script("arguments[0].scrollIntoView({block:'center'})", save)
            save.click()
            try:
                WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".saved")))
            except Exception:
                pass
            if "Réponses enregistrées." not in driver.page_source:
                fail("saving", "no confirmation after saving: " + driver.current_url + " " + driver.find_element(By.TAG_NAME, "main").text[:300])
            if "Cette mission est-elle écrite" not in driver.page_source:
                fail("follow-up", "the follow-up of « Oui » did not appear")
        finally:
            driver.quit()
        # Leave, come back with the same link in a new browser: the answers are there.
        driver = browser(1280)
        try:
            driver.get(link)
            yes = driver.find_element(By.CSS_SELECTOR, "input[name='a.pil-referent'][value='yes']")
            if not yes.is_selected():
                fail("coming back", "the answer given is not found again")
            if Select(driver.find_element(By.ID, "p-role")).first_selected_option.get_attribute("value") != "dgs":
                fail("coming back", "the role given is not found again")
            if driver.find_element(By.ID, "j-pil-referent").get_attribute("value") != "Délibération du 3 mars":
                fail("coming back", "the justification given is not found again")
            if not driver.find_element(By.ID, "d-pil-referent").get_attribute("open"):
                fail("coming back", "the details given are folded away")
            # The language switch, kept for the next pages; back to French.
            driver.find_element(By.LINK_TEXT, "English").click()
            WebDriverWait(driver, 10).until(lambda d: "You answer for" in d.page_source)
            driver.get(link)
            if "Step 1 of" not in driver.page_source:
                fail("language", "the English choice is not kept for the next page")
            driver.find_element(By.LINK_TEXT, "Français").click()
            WebDriverWait(driver, 10).until(lambda d: "Vous répondez pour" in d.page_source)
            if "Étape 1 sur" not in driver.page_source:
                fail("progress", "the first page does not say which step it is")
            # The last step's page has the submit button.
            driver.find_element(By.CSS_SELECTOR, ".steps ol li:last-child a").click()
            submit = driver.find_element(By.CSS_SELECTOR, "button[value=submit]")
            driver.execute_script("arguments[0].scrollIntoView({block:'center'})", submit)
            submit.click()
            WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/report"))
            if not driver.title.startswith("Diagnostic open data — Commune de Lucey"):
                fail("diagnostic", f"unexpected title {driver.title!r}")
            if "version 1 soumise le" not in driver.page_source:
                fail("diagnostic", "the report does not say which version it reads")
            driver.save_screenshot(os.path.join(shots, "web-report.png"))
        finally:
            driver.quit()
        # The advisor: the console sends to the login page, then counts the response.
        for width in (1280, 390):
            driver = browser(width)
            try:
                driver.get(f"http://127.0.0.1:{port}/console")
                if "/login" not in driver.current_url:
                    fail("console without a session", "not sent to the login page: " + driver.current_url)
                driver.find_element(By.ID, "name").send_keys("conseil")
                driver.find_element(By.ID, "password").send_keys("mot-de-passe-du-test")
                driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
                WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/console"))
                driver.find_element(By.LINK_TEXT, "web").click()
                WebDriverWait(driver, 10).until(lambda d: "/console/c/" in d.current_url)
                text = driver.find_element(By.TAG_NAME, "main").text
                if "Invités : 1 · ont commencé : 1 (100 %) · ont soumis : 1 (100 %)" not in text:
                    fail("console", "the response is not counted: " + text[:400])
                if driver.execute_script("return document.documentElement.scrollWidth") > width:
                    fail("console", f"the page is wider than {width} px")
                driver.save_screenshot(os.path.join(shots, "web-console.png" if width == 1280 else "web-console-phone.png"))
            finally:
                driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"browser test: passed (screenshots in {shots})")


if __name__ == "__main__":
    main()
