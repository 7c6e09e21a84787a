#!/usr/bin/env python3
"""Writes Tests/DiagnosticTestSupport/Fixtures/exports/od4growth/ (committed; run again only to
change them): the answers of 20 respondents to the OD4Growth questionnaire, once in od4g's own CSV
(answers.csv) and once as each survey tool exports them, in that tool's layout and encoding, with
the mapping file an advisor would write for a form built by hand in that tool (docs/campaigns.md,
"Survey tools").

The respondents come from `od4g simulate` (communes, intercommunalities, départements, parks), with
what real answers hold: free text with commas, quotes and line breaks, "Je ne sais pas" and "Non
concerné", an optional question left empty, a scored question left unanswered, "Autre" with its
text, and one respondent who answered twice (the earlier answers first, in every export).

    swift build --product od4g && pip install xlsxwriter odfpy
    python3 scripts/make_tool_exports.py [--od4g .build/debug/od4g]
"""
import argparse
import csv
import datetime
import io
import os
import subprocess

import xlsxwriter
import yaml
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "DiagnosticTestSupport", "Fixtures", "exports", "od4growth")
QUESTIONNAIRE = yaml.safe_load(open(os.path.join(ROOT, "Questionnaires", "od4growth.yaml"), encoding="utf-8"))
QUESTIONS = QUESTIONNAIRE["questions"]
BY_ID = {q["id"]: q for q in QUESTIONS}
PROFILE = ["organisation", "code", "typology", "population", "agents", "departement", "respondent_name", "email", "role",
           "viewpoint"]
PROFILE_FIELDS = {f["id"]: f for f in QUESTIONNAIRE["profile"]}
TYPOLOGY_LABELS = {t["id"]: t["label"]["fr"] for t in QUESTIONNAIRE["typologies"]}
SPECIAL = {"dont_know": "Je ne sais pas", "not_applicable": "Non concerné"}
WANTED = {"commune": 9, "cc": 3, "ca": 2, "departement": 3, "pnr": 2, "metropole": 1}
# Free texts as people write them: commas, quotes, semicolons, line breaks, accents.
TEXTS = {
    0: {"mot-commentaire": "Nous voulons \"ouvrir\" nos données, mais sans moyens ; une aide serait bienvenue.\n"
                           "Merci d'avance !",
        "usa-exemple": "La carte des équipements, mise à jour chaque année (écoles, salles, terrains)."},
    2: {"pb-commentaire": "Le secrétariat est à mi-temps.\nLes élus sont partants, mais le temps manque."},
    5: {"src-manquantes": "Les données « eau potable » du syndicat, et le cadastre à jour."},
    9: {"usa-exemple": "Tableau de bord des déchets ; suivi des collectes par commune."},
}
# "Autre" with its text: the option is chosen, the text is its justification.
OTHERS = {1: ("mot-motivations", "Répondre à une association, « Vélo en ville », qui nous l'a demandé"),
          6: ("usa-domaines", "Cimetières et concessions"),
          12: ("pb-difficultes", "Le logiciel de l'état civil n'exporte rien")}
TWICE = 4  # the respondent who answered twice: an earlier row with other answers comes first


def option_label(question, option_id):
    if option_id in SPECIAL:
        return SPECIAL[option_id]
    if question["kind"] == "yes_no":
        return {"yes": "Oui", "no": "Non"}[option_id]
    for option in question["options"]:
        if option["id"] == option_id:
            return option["label"]["fr"]
    raise ValueError(f"{question['id']}: no option {option_id}")


def choices(value):
    return [part for part in value.split(";") if part] if value else []


def prepared(od4g):
    """The 20 respondents as od4g's own CSV rows (dicts), and the earlier answers of the one who
    answered twice."""
    simulated = subprocess.run([od4g, "simulate", "--respondents", "90", "--seed", "11"], capture_output=True,
                               text=True, check=True).stdout
    rows, taken, seen = [], {}, set()
    for row in csv.DictReader(io.StringIO(simulated)):
        typology = row["typology"]
        if taken.get(typology, 0) >= WANTED.get(typology, 0) or row["organisation"] in seen:
            continue
        taken[typology] = taken.get(typology, 0) + 1
        seen.add(row["organisation"])
        rows.append(row)
    rows.sort(key=lambda row: ["commune", "cc", "ca", "metropole", "departement", "pnr"].index(row["typology"]))
    assert len(rows) == 20, taken
    for index, row in enumerate(rows):
        # An "Autre" is only ever chosen with its text (the tools ask for one).
        for question in QUESTIONS:
            if question["kind"] == "multiple" and "autre" in choices(row[question["id"]]):
                row[question["id"]] = ";".join(c for c in choices(row[question["id"]]) if c != "autre")
        for question in QUESTIONS:
            if question["kind"] == "text":
                row[question["id"]] = ""
        row.update(TEXTS.get(index, {}))
        if index in OTHERS:
            question, text = OTHERS[index]
            chosen = [c for c in choices(row[question]) if c not in ("aucune", "aucun", "dont_know")]
            row[question] = ";".join(chosen + ["autre"])
            row[question + ".justification"] = text
    # A scored question left unanswered, and the special answers where they are offered.
    rows[3]["pil-veille"] = ""
    rows[7]["pil-dpo"] = "dont_know"
    rows[8]["pro-pcrs"] = "not_applicable"
    rows[10]["par-hvd"] = "not_applicable"
    rows[0]["organisation"] = "Commune de Saint-Rémy-l'Étang"
    rows[11]["organisation"] = "Communauté de communes « Cœur de Vosges »"
    earlier = dict(rows[TWICE])
    for question in ("pil-strategie", "pro-formats", "val-externes"):
        offered = [o["id"] for o in BY_ID[question]["options"]]
        earlier[question] = next(o for o in offered if o != rows[TWICE][question])
    return rows, earlier


def in_order(rows, earlier):
    """The rows as a tool lists them: by submission, the respondent's earlier answers first; with
    their submission times."""
    listed = rows[:TWICE] + [earlier] + rows[TWICE:]
    start = datetime.datetime(2026, 3, 2, 9, 0, 0)
    times = [start + datetime.timedelta(minutes=47 * index, seconds=13 * index) for index in range(len(listed))]
    return list(zip(listed, times))


def write_text(path, text, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as out:
        out.write(text)


def delimited(rows, delimiter, quote_all, line_end):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                        lineterminator=line_end)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def write_yaml(path, mapping, comment):
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=200)
    write_text(path, "".join("# " + line + "\n" for line in comment.splitlines()) + text)


def xlsx(path, sheet_name, table, numeric=(), dates=()):
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet(sheet_name)
    date_format = book.add_format({"num_format": "dd/mm/yyyy hh:mm:ss"})
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            if r > 0 and c in dates and isinstance(cell, datetime.datetime):
                sheet.write_datetime(r, c, cell, date_format)
            elif r > 0 and c in numeric and cell != "":
                sheet.write_number(r, c, float(cell))
            elif cell != "":
                sheet.write_string(r, c, str(cell))
    book.close()


def ods(path, sheet_name, table, numeric=()):
    document = OpenDocumentSpreadsheet()
    sheet = Table(name=sheet_name)
    for r, row in enumerate(table):
        table_row = TableRow()
        for c, cell in enumerate(row):
            if r > 0 and c in numeric and cell != "":
                element = TableCell(valuetype="float", value=cell)
                element.addElement(P(text=str(cell)))
            elif cell != "":
                element = TableCell(valuetype="string")
                for line in str(cell).split("\n"):
                    element.addElement(P(text=line))
            else:
                element = TableCell()
            table_row.addElement(element)
        sheet.addElement(table_row)
    document.spreadsheet.addElement(sheet)
    document.save(path)


def own(rows):
    """od4g's own CSV: profile, answers, and the justifications of "Autre"."""
    justified = [q["id"] + ".justification" for q in QUESTIONS if any(q["id"] + ".justification" in r for r in rows)]
    header = PROFILE + [q["id"] for q in QUESTIONS] + justified
    table = [header] + [[row.get(column, "") for column in header] for row in rows]
    write_text(os.path.join(OUT, "answers.csv"), delimited(table, ",", False, "\n"))


def profile_label(field, value):
    if field == "typology":
        return TYPOLOGY_LABELS[value]
    options = PROFILE_FIELDS[field].get("options")
    if options and value:
        return next(o["label"]["fr"] for o in options if o["id"] == value)
    return value


# ---------------------------------------------------------------- LimeSurvey
def limesurvey(rows, earlier):
    """Responses export, "Question code" headings and "Answer codes": UTF-8 with BOM, every cell
    quoted, CR LF and one more CR LF at the end, `;`; metadata first; a list's answers coded AO01… in each question; a multiple
    choice one column per sub-question (`Q[SQ001]` = Y), its "Other" text in `Q[other]`; N/A where
    nothing was answered."""
    prefixes = {"piloter": "PIL", "produire": "PRO", "partager": "PAR", "valoriser": "VAL"}
    codes, counters = {}, {}
    for question in QUESTIONS:
        prefix = prefixes.get(question.get("dimension"), question["id"].split("-")[0].upper())
        counters[prefix] = counters.get(prefix, 0) + 1
        codes[question["id"]] = f"{prefix}{counters[prefix]:02d}"
    profile_codes = {"organisation": "ORG", "code": "SIREN", "typology": "TYPE", "population": "POP",
                     "agents": "AGENTS", "departement": "DEP", "respondent_name": "NOM", "email": "EMAIL",
                     "role": "FONCTION", "viewpoint": "POINTVUE"}

    def answer_codes(question):
        ids = (["yes", "no"] if question["kind"] == "yes_no" else [o["id"] for o in question.get("options", [])])
        ids += ["dont_know"] + (["not_applicable"] if question.get("not_applicable") else [])
        return {option: f"AO{n:02d}" for n, option in enumerate(ids, 1)}

    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    header += [profile_codes[field] for field in PROFILE]
    layout = []
    for question in QUESTIONS:
        code = codes[question["id"]]
        if question["kind"] == "multiple":
            subs = [o["id"] for o in question["options"] if o["id"] != "autre"] + ["dont_know"]
            layout.append((question, [(f"{code}[SQ{n:03d}]", option) for n, option in enumerate(subs, 1)]))
            if any(o["id"] == "autre" for o in question["options"]):
                layout[-1][1].append((f"{code}[other]", "autre"))
        else:
            layout.append((question, [(code, None)]))
    for _, columns in layout:
        header += [name for name, _ in columns]
    table = [header]
    for number, (row, time) in enumerate(in_order(rows, earlier), 1):
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        started = (time - datetime.timedelta(minutes=25)).strftime("%Y-%m-%d %H:%M:%S")
        cells = [str(number), stamp, "6", "fr", str(1000 + number * 7919 % 9000), started, stamp]
        profile = {"typology": "AO%02d" % (list(TYPOLOGY_LABELS).index(row["typology"]) + 1),
                   "role": "AO%02d" % ([o["id"] for o in PROFILE_FIELDS["role"]["options"]].index(row["role"]) + 1),
                   "viewpoint": "AO%02d" % (
                       [o["id"] for o in PROFILE_FIELDS["viewpoint"]["options"]].index(row["viewpoint"]) + 1)}
        cells += [profile.get(field, row[field]) or "N/A" for field in PROFILE]
        for question, columns in layout:
            value = row[question["id"]]
            if question["kind"] == "multiple":
                chosen = choices(value)
                for name, option in columns:
                    if not value:
                        cells.append("N/A")
                    elif option == "autre":
                        cells.append(row.get(question["id"] + ".justification", "") if "autre" in chosen else "")
                    else:
                        cells.append("Y" if option in chosen else "")
            elif question["kind"] in ("single", "yes_no"):
                cells.append(answer_codes(question)[value] if value else "N/A")
            elif question["kind"] == "scale":
                # A list whose codes are the scale's values; "Je ne sais pas" coded as the lists'.
                cells.append("AO99" if value == "dont_know" else value or "N/A")
            else:
                cells.append(value if value else "N/A")
        table.append(cells)
    # LimeSurvey ends the file with one more line end after the last response.
    write_text(os.path.join(OUT, "limesurvey-results.csv"),
               "\ufeff" + delimited(table, ";", True, "\r\n") + "\r\n")
    values = {"AO99": "dont_know"}
    per_question = {}
    for field in ("typology", "role", "viewpoint"):
        ids = list(TYPOLOGY_LABELS) if field == "typology" else [o["id"] for o in PROFILE_FIELDS[field]["options"]]
        per_question[field] = {f"AO{n:02d}": option for n, option in enumerate(ids, 1)}
    for question in QUESTIONS:
        if question["kind"] in ("single", "yes_no"):
            per_question[question["id"]] = {code: option for option, code in answer_codes(question).items()}
    columns = {profile_codes[field]: field for field in PROFILE}
    for question, names in layout:
        for name, option in names:
            columns[name] = question["id"] if option is None else f"{question['id']}.{option}"
    write_yaml(os.path.join(OUT, "limesurvey.yaml"),
               {"kind": "column-mapping", "columns": columns, "values": {**values, **per_question}},
               "LimeSurvey: the survey built by hand (codes PIL01…, answers AO01… in each question),\n"
               "exported with \"Question code\" headings and \"Answer codes\" (docs/campaigns.md).")


# ---------------------------------------------------------------- KoboToolbox
def kobo_name(text):
    return text.replace("-", "_")


def kobo(rows, earlier):
    """Export "XML values and headers", group separator "/": CSV with `;`, every cell quoted, CR LF; and
    XLSX. Questions in a group per dimension or section, names with `_`; a select_multiple is its
    summary (choices joined by a space) then one 1/0 column per choice; "or_other" adds the choice
    `other` and a text column `QUESTION_other`; metadata columns after the answers."""
    def group(question):
        return question.get("dimension") or question.get("section")

    header = ["start", "end"] + [f"profil/{field}" for field in PROFILE]
    layout = []
    for question in QUESTIONS:
        name = f"{group(question)}/{kobo_name(question['id'])}"
        entry = [(name, None)]
        if question["kind"] == "multiple":
            for option in question["options"]:
                entry.append((f"{name}/{'other' if option['id'] == 'autre' else kobo_name(option['id'])}", option["id"]))
            entry.append((f"{name}/dont_know", "dont_know"))
            if any(o["id"] == "autre" for o in question["options"]):
                entry.append((name + "_other", "text"))
        layout.append((question, entry))
    for _, entry in layout:
        header += [name for name, _ in entry]
    metadata = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
                "__version__", "_tags", "_index"]
    header += metadata
    table, numeric = [header], {header.index("profil/population"), header.index("profil/agents")}
    for n, name in enumerate(header):
        if name.startswith("partager/par_nombre") or name in ("_id", "_index"):
            numeric.add(n)
    for number, (row, time) in enumerate(in_order(rows, earlier), 1):
        started = (time - datetime.timedelta(minutes=31)).strftime("%Y-%m-%dT%H:%M:%S.000+01:00")
        cells = [started, time.strftime("%Y-%m-%dT%H:%M:%S.000+01:00")] + [row[field] for field in PROFILE]
        for question, entry in layout:
            value = row[question["id"]]
            chosen = choices(value)
            for name, option in entry:
                if option is None:
                    if question["kind"] == "multiple":
                        cells.append(" ".join("other" if c == "autre" else kobo_name(c) for c in chosen))
                    elif question["kind"] in ("single", "yes_no"):
                        cells.append(kobo_name(value))
                    else:
                        cells.append(value)
                elif option == "text":
                    cells.append(row.get(question["id"] + ".justification", ""))
                else:
                    cells.append(("1" if option in chosen else "0") if value else "")
        cells += [str(41000 + number), f"5b2c{number:04d}-8c1e-4d6a-9b1f-3f0e6c{number:06d}",
                  time.strftime("%Y-%m-%dT%H:%M:%S"), "", "", "submitted_via_web", "", "vFbD7kq2wGQwZ7m3N9", "",
                  str(number)]
        table.append(cells)
    write_text(os.path.join(OUT, "kobo.csv"), delimited(table, ";", True, "\r\n"))
    xlsx(os.path.join(OUT, "kobo.xlsx"), "Diagnostic OD4Growth", table, numeric=numeric)
    columns, values = {}, {}
    for question, entry in layout:
        for name, option in entry:
            if option == "text":
                columns[name] = question["id"] + ".justification"
        if any(o["id"] == "autre" for o in question.get("options", [])):
            values[question["id"]] = {"other": "autre"}
    write_yaml(os.path.join(OUT, "kobo.yaml"), {"kind": "column-mapping", "columns": columns, "values": values},
               "KoboToolbox: the form built in the form builder with od4g's ids as names (`_` for `-`),\n"
               "\"Autre\" as the choice list's \"or_other\"; export \"XML values and headers\" (docs/campaigns.md).")


# ---------------------------------------------------------------- label-based tools
FORM_PROFILE = {"organisation": "Nom de votre collectivité ou de votre organisme", "code": "Code SIREN ou INSEE",
                "typology": "Type de structure", "population": "Nombre d'habitants", "agents": "Nombre d'agents",
                "departement": "Département (numéro)", "respondent_name": "Vos nom et prénom",
                "email": "Votre adresse électronique", "role": "Votre fonction", "viewpoint": "Votre point de vue"}


def labelled(question, value, joiner, other_text):
    """A cell as label-based tools write it: labels, choices joined, "Autre" replaced by its text."""
    if not value:
        return ""
    if question["kind"] == "multiple":
        parts = []
        for option in choices(value):
            parts.append(other_text if option == "autre" else option_label(question, option))
        return joiner.join(parts)
    if question["kind"] in ("single", "yes_no") or value in SPECIAL:
        return option_label(question, value)
    return value


def label_table(rows, earlier, first, first_cells, joiner, scale_labels=False, trailing=""):
    header = first + [FORM_PROFILE[field] for field in PROFILE] + [q["label"]["fr"] for q in QUESTIONS]
    table = [header]
    for number, (row, time) in enumerate(in_order(rows, earlier), 1):
        cells = first_cells(number, row, time)
        cells += [profile_label(field, row[field]) for field in PROFILE]
        for question in QUESTIONS:
            value = row[question["id"]]
            if scale_labels and question["kind"] == "scale" and value not in SPECIAL and value:
                labels = question["scale"].get("labels", {})
                cells.append(labels[int(value)]["fr"] if int(value) in labels else value)
                continue
            cell = labelled(question, value, joiner, row.get(question["id"] + ".justification", ""))
            cells.append(cell + trailing if cell and question["kind"] == "multiple" else cell)
        table.append(cells)
    return table


def profile_mapping():
    return {FORM_PROFILE[field]: field for field in PROFILE}


def google(rows, earlier):
    """Responses downloaded as CSV: UTF-8, `,`, "Horodateur" first, question titles as headers,
    checkboxes joined by ", ", the "Autre" text in the cell itself."""
    table = label_table(rows, earlier, ["Horodateur"],
                        lambda n, row, time: [time.strftime("%d/%m/%Y %H:%M:%S")], ", ")
    write_text(os.path.join(OUT, "google-forms.csv"), delimited(table, ",", False, "\r\n"))
    write_yaml(os.path.join(OUT, "google-forms.yaml"), {"kind": "column-mapping", "columns": profile_mapping()},
               "Google Forms: the questions titled as in the questionnaire, the profile in the form's own words.")


def microsoft(rows, earlier):
    """Responses opened in Excel: XLSX with ID, start and completion times, e-mail, name and last
    modified time, then the questions; choices joined by `;` with a trailing `;`. And the same workbook saved by a French
    Excel as "CSV (séparateur : point-virgule)": Windows-1252, `;`, CR LF."""
    def first_cells(number, row, time):
        return [str(number), time - datetime.timedelta(minutes=22), time, "anonymous", "", time]

    first = ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Heure de la dernière modification"]
    table = label_table(rows, earlier, first, first_cells, ";", scale_labels=True, trailing=";")
    numeric = {0, len(first) + PROFILE.index("population"), len(first) + PROFILE.index("agents"),
               len(first) + len(PROFILE) + [q["id"] for q in QUESTIONS].index("par-nombre")}
    xlsx(os.path.join(OUT, "microsoft-forms.xlsx"), "Sheet1", table, numeric=numeric, dates={1, 2, 5})
    shown = [table[0]] + [[cell.strftime("%d/%m/%Y %H:%M") if isinstance(cell, datetime.datetime) else cell
                           for cell in row] for row in table[1:]]
    write_text(os.path.join(OUT, "microsoft-forms-excel.csv"), delimited(shown, ";", False, "\r\n"),
               encoding="cp1252")
    mapping = profile_mapping()
    mapping["Adresse de messagerie"] = "ignore"
    write_yaml(os.path.join(OUT, "microsoft-forms.yaml"), {"kind": "column-mapping", "separator": ";", "columns": mapping},
               "Microsoft Forms: anyone can answer (the e-mail column says \"anonymous\": the form asks for it);\n"
               "scales as choices labelled as in the questionnaire.")


def framaforms(rows, earlier):
    """Webform 7.x-4.x results downloaded as delimited text (tab, every cell quoted, LF), three header
    rows: the form's title; "Submission Details" over the submission's own columns and each checkbox
    list's label over its first option; the submission's columns, the components' labels and the
    options' labels. A checkbox list is one column per option holding X, its "Autre..." column
    holding the text typed."""
    first = ["Serial", "SID", "Submitted Time", "Completed Time", "Modified Time", "Draft", "IP Address", "UID",
             "Username"]
    upper = ["Submission Details"] + [""] * (len(first) - 1) + [""] * len(PROFILE)
    lower = first + [FORM_PROFILE[field] for field in PROFILE]
    layout = []
    for question in QUESTIONS:
        if question["kind"] == "multiple":
            ids = [o["id"] for o in question["options"]] + ["dont_know"]
            upper += [question["label"]["fr"]] + [""] * (len(ids) - 1)
            lower += ["Autre..." if i == "autre" else option_label(question, i) for i in ids]
            layout.append((question, ids))
        else:
            upper.append("")
            lower.append(question["label"]["fr"])
            layout.append((question, None))
    title = ["Diagnostic open data OD4Growth"] + [""] * (len(lower) - 1)
    table = [title, upper, lower]
    for number, (row, time) in enumerate(in_order(rows, earlier), 1):
        stamp = time.strftime("%d/%m/%Y - %H:%M")
        started = (time - datetime.timedelta(minutes=18)).strftime("%d/%m/%Y - %H:%M")
        cells = [str(number), str(2200 + number), started, stamp, stamp, "0", "", "0", ""]
        cells += [profile_label(field, row[field]) for field in PROFILE]
        for question, ids in layout:
            value = row[question["id"]]
            if ids is None:
                cells.append(labelled(question, value, "", ""))
                continue
            chosen = choices(value)
            for option in ids:
                if option == "autre":
                    cells.append(row.get(question["id"] + ".justification", "") if option in chosen else "")
                else:
                    cells.append("X" if option in chosen else "")
        table.append(cells)
    write_text(os.path.join(OUT, "framaforms.tsv"), delimited(table, "\t", True, "\n"))
    write_yaml(os.path.join(OUT, "framaforms.yaml"),
               {"kind": "column-mapping", "header_row": [2, 3], "columns": profile_mapping()},
               "Framaforms: the form's title on row 1; on row 2 \"Submission Details\" and the checkbox lists'\n"
               "labels; on row 3 the submission's columns, the questions' labels and the options' labels\n"
               "(checkboxes exported one column per option).")


def demarches(rows, earlier):
    """A procedure's files exported as CSV, XLSX and ODS: the file's own columns first, fields by
    label, a multiple drop-down list joined by ", "."""
    first = ["ID", "Email", "FranceConnect ?", "Civilité", "Nom", "Prénom", "Dépôt pour un tiers", "Nom du mandataire",
             "Prénom du mandataire", "À archiver", "État du dossier", "Dernière mise à jour le",
             "Dernière mise à jour du dossier le", "Déposé le", "Passé en instruction le", "Traité le",
             "Motivation de la décision", "Instructeurs"]

    def first_cells(number, row, time):
        surname = row["respondent_name"].split(" ")[-1]
        stamp = time.strftime("%d/%m/%Y %H:%M")
        return [str(18000 + number), row["email"], "false", "Mme" if number % 2 else "M.", surname.upper(),
                row["respondent_name"].split(" ")[0], "false", "", "", "false", "En construction", stamp, stamp, stamp,
                "", "", "", ""]

    table = label_table(rows, earlier, first, first_cells, ", ")
    write_text(os.path.join(OUT, "demarches-simplifiees.csv"), delimited(table, ",", False, "\n"))
    numeric = {len(first) + PROFILE.index("population"), len(first) + PROFILE.index("agents")}
    xlsx(os.path.join(OUT, "demarches-simplifiees.xlsx"), "Dossiers", table, numeric=numeric)
    ods(os.path.join(OUT, "demarches-simplifiees.ods"), "Dossiers", table, numeric=numeric)
    mapping = profile_mapping()
    for name in first:
        mapping[name] = "ignore"
    mapping["Déposé le"] = "timestamp"
    write_yaml(os.path.join(OUT, "demarches-simplifiees.yaml"), {"kind": "column-mapping", "columns": mapping},
               "démarches-simplifiées: every question a drop-down list (yes/no questions too, to offer \"Je ne sais pas\").")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--od4g", default=os.path.join(ROOT, ".build", "debug", "od4g"))
    arguments = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    final, earlier = prepared(arguments.od4g)
    own(final)
    limesurvey(final, earlier)
    kobo(final, earlier)
    google(final, earlier)
    microsoft(final, earlier)
    framaforms(final, earlier)
    demarches(final, earlier)
    print("written to", OUT)
