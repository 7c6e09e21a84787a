import DiagnosticCore

/// Every message the definitions module can report, written once here in French and English.
public enum DefinitionMessage: Sendable, Hashable {
    case cannotRead(FileProblem)
    case notUTF8
    /// A YAML syntax problem as the library words it, with its context when it gives one.
    case yamlSyntax(String, context: String? = nil)
    case duplicateKey(String, first: Position?)
    case emptyDocument
    case unknownKind(String)
    case expectedMapping(String)
    case expectedList(String)
    case expectedText(String)
    case expectedNumber(key: String, value: String)
    case expectedInteger(key: String, value: String)
    case expectedBoolean(key: String, value: String)
    case invalidChoice(key: String, value: String, allowed: [String])
    case unknownKey(String, allowed: [String], suggestion: String?)
    case missingKey(String)
    case duplicateID(kind: String, id: String, first: Position?)
    case invalidID(String)
    case reservedID(String)
    case unknownReference(kind: String, id: String, suggestion: String?)
    case missingFrench
    case missingTranslation(language: String)
    case frenchNotDeclared
    case pointsOutOfRange(points: Double, weight: Double)
    case weightNotPositive(Double)
    case weightNegative(Double)
    case weightTooLarge(Double)
    case pointsNegative(Double)
    case inheritedPointsAboveWeight(special: String, points: Double, weight: Double)
    case scoredNeedsDimension
    case scoredTextQuestion
    case unscoredWithPoints
    case optionsRequired(kind: String)
    case notForKind(key: String, kind: String)
    /// A message a kind of answer words itself (`DiagnosticDefinitions/Kinds/`).
    case kind(KindMessage)
    case noFullPoints(best: Double, weight: Double)
    case conditionShape
    case conditionTestCount
    case conditionLaterQuestion(String)
    case conditionOnAnswerInApplicability
    case conditionTestNotForKind(test: String, kind: String)
    case conditionValueNotOffered(value: String, question: String, offered: [String])
    case conditionNotANumber(String)
    case cycle([String])
    case levelsEmpty
    /// A level id longer than results can store (its length in UTF-8 bytes).
    case levelIDTooLong(String, bytes: Int)
    case levelsFirstNotZero(Double)
    case levelsNotIncreasing(previous: Double, current: Double)
    case levelOutOfRange(Double)
    case typologyFieldCount(Int)
    case dimensionWithoutQuestions(String)
    case noDimensionWeight
    case noTypology
    case response(ResponseIssue)
    case csv(CSVReader.Problem)
    case emptyTable
    /// A workbook (XLSX, ODS) that cannot be read.
    case workbook(WorkbookSheet.Problem)
    /// A table in no encoding od4g can tell (neither UTF-8, UTF-16 nor Windows-1252).
    case unknownEncoding
    /// A table read in another encoding than UTF-8 (a warning), named.
    case readAsEncoding(String)
    /// A choice cell's text that names no option, read as the "Autre" option with the text as its justification (a warning).
    case readAsOther(row: Int, column: String, text: String, option: String)
    /// Scored questions that no column of a table gives (a warning): they count as unanswered.
    case scoredQuestionsWithoutColumn([String])
    case inRowShape(Int, found: Int, expected: Int)
    case unknownColumn(String, suggestion: String?)
    case duplicateColumn(String, first: String)
    case unnamedColumnValue(row: Int, column: Int, value: String)
    case unexpectedKind(String, expected: String)
    case emptySeparator
    /// `header_row` lists rows that do not follow each other.
    case headerRowsNotFollowing([Int])
    case inRow(Int, column: String?, ResponseIssue)
    case duplicateRespondent(row: Int, firstRow: Int)
    /// A row's problem with an answer the mapping's values translated: the cell as written is quoted too.
    /// Indirect: with this payload inline (the enum's largest), the debug test binary crashed at
    /// random in the parallel run (signal 11, in the generated `hash(into:)` of unrelated messages;
    /// 3 runs of 3, Swift 6.3.1); boxed, 3 runs of 3 passed.
    indirect case inRowWritten(Int, column: String?, written: String, ResponseIssue)
    /// With `--keep`: a row of a respondent met earlier in the file, set aside for the row kept (a warning).
    case duplicateSkipped(row: Int, kept: Int, rule: String)
    /// With `--keep latest`: a row that replaces the same respondent's earlier row (a warning).
    case duplicateReplaces(row: Int, earlier: Int)
    case duplicateRespondentFile(firstFile: String)
    case invalidColumnTarget(String)
    case otherQuestionnaire(named: String, expected: String)
    case prerequisiteCycle([String])
    case firstStepAfterLaterStep(action: String, requires: String)
    case prerequisiteUnsuited(action: String, requires: String, typologies: [String])
    case addressesUnscored(String)
    case addressesOutsideDimensions(question: String, dimension: String)
    case dimensionTestCount
    case durationInvalid(Double)
    case helpURL(String)
    case emptyFolder
    case setAsideRowsSkipped
    case nothingToImport(Int)
    case tooManyColumns(Int, limit: Int)
    case yamlBudget(YAMLBudget.Problem.Kind)
    case minimumCompletenessRange(Double)
    case planSizeInvalid(Int)
    case nameCodeInvalid(String)
    case helpEmail(String)

    /// A text the user gave, as a message quotes it: whole when short, else its beginning and its length.
    static func shown(_ text: String, _ language: Language) -> String {
        let limit = 80
        guard text.utf8.count > limit * 4 || text.count > limit else { return text }
        return String(text.prefix(limit)) + language.pick("… (\(text.count) caractères)", "… (\(text.count) characters)")
    }

    /// The message in `language`.
    public func text(_ language: Language) -> String {
        let l = language
        switch self {
        case .cannotRead(let problem):
            return l.pick("lecture impossible : \(problem.text(l))", "cannot read the file: \(problem.text(l))")
        case .notUTF8:
            return l.pick(
                "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8", "the file is not UTF-8 text: save it as UTF-8")
        case .yamlSyntax(let problem, let context):
            let said = YAMLProblem.text(problem, context: context, language: l)
            return l.pick("syntaxe YAML invalide : \(said)", "invalid YAML syntax: \(said)")
        case .duplicateKey(let key, let first):
            let at = first.map { l.pick(" (première occurrence en \($0))", " (first at \($0))") } ?? ""
            return l.pick("clé « \(key) » présente deux fois dans le même bloc", "key '\(key)' appears twice in the same block")
                + at
        case .emptyDocument:
            return l.pick("le fichier est vide", "the file is empty")
        case .unknownKind(let kind):
            return l.pick(
                "type de fichier inconnu « \(kind) » (attendu : questionnaire, response, support-actions, value-names ou simulation)",
                "unknown file kind '\(kind)' (expected: questionnaire, response, support-actions, value-names or simulation)")
        case .expectedMapping(let what):
            return l.pick("« \(what) » doit être un bloc de clés et de valeurs", "'\(what)' must be a block of keys and values")
        case .expectedList(let what):
            return l.pick("« \(what) » doit être une liste", "'\(what)' must be a list")
        case .expectedText(let what):
            return l.pick("« \(what) » doit être un texte", "'\(what)' must be a text")
        case .expectedNumber(let key, let value):
            return l.pick("« \(key) » doit être un nombre, pas « \(value) »", "'\(key)' must be a number, not '\(value)'")
        case .expectedInteger(let key, let value):
            return l.pick(
                "« \(key) » doit être un nombre entier, pas « \(value) »", "'\(key)' must be a whole number, not '\(value)'")
        case .expectedBoolean(let key, let value):
            return l.pick(
                "« \(key) » doit valoir true ou false, pas « \(value) »", "'\(key)' must be true or false, not '\(value)'")
        case .invalidChoice(let key, let value, let allowed):
            return l.pick(
                "valeur « \(value) » invalide pour « \(key) » (valeurs possibles : \(allowed.joined(separator: ", ")))",
                "invalid value '\(value)' for '\(key)' (possible values: \(allowed.joined(separator: ", ")))")
        case .unknownKey(let key, let allowed, let suggestion):
            let hint =
                suggestion.map { l.pick(" ; vouliez-vous dire « \($0) » ?", "; did you mean '\($0)'?") }
                ?? l.pick(
                    " (clés possibles : \(allowed.joined(separator: ", ")))",
                    " (possible keys: \(allowed.joined(separator: ", ")))")
            return l.pick("clé inconnue « \(key) »", "unknown key '\(key)'") + hint
        case .missingKey(let key):
            return l.pick("la clé obligatoire « \(key) » manque", "required key '\(key)' is missing")
        case .duplicateID(let kind, let id, let first):
            let at = first.map { l.pick(" (première définition en \($0))", " (first defined at \($0))") } ?? ""
            return l.pick(
                "identifiant de \(Self.kindName(kind, .fr)) en double « \(id) »",
                "duplicate \(Self.kindName(kind, .en)) id '\(id)'") + at
        case .invalidID(let id):
            return l.pick(
                "identifiant invalide « \(id) » : utilisez lettres, chiffres, « - », « _ » ou « . », sans espace",
                "invalid id '\(id)': use letters, digits, '-', '_' or '.', without spaces")
        case .reservedID(let id):
            return l.pick(
                "l'identifiant « \(id) » est réservé aux réponses spéciales : choisissez-en un autre",
                "id '\(id)' is reserved for special answers: choose another one")
        case .unknownReference(let kind, let id, let suggestion):
            let hint = suggestion.map { l.pick(" ; vouliez-vous dire « \($0) » ?", "; did you mean '\($0)'?") } ?? ""
            return l.pick("\(Self.kindName(kind, .fr)) « \(id) » introuvable", "unknown \(Self.kindName(kind, .en)) '\(id)'")
                + hint
        case .missingFrench:
            return l.pick("le texte en français (fr) manque", "the French text (fr) is missing")
        case .missingTranslation(let language):
            return l.pick("le texte en « \(language) » manque", "the '\(language)' text is missing")
        case .frenchNotDeclared:
            return l.pick(
                "« languages » doit contenir fr, la langue de référence", "'languages' must include fr, the reference language")
        case .pointsOutOfRange(let points, let weight):
            return l.pick(
                "\(Self.num(points)) points hors de l'intervalle 0..\(Self.num(weight)) (le poids de la question)",
                "\(Self.num(points)) points outside 0..\(Self.num(weight)) (the question's weight)")
        case .weightNotPositive(let weight):
            return l.pick(
                "le poids doit être supérieur à 0, pas \(Self.num(weight))",
                "weight must be greater than 0, not \(Self.num(weight))")
        case .weightNegative(let weight):
            return l.pick(
                "un poids ne peut pas être négatif (\(Self.num(weight)))", "a weight cannot be negative (\(Self.num(weight)))")
        case .weightTooLarge(let value):
            let limit = Self.num(Questionnaire.maximumWeight)
            return l.pick(
                "\(Self.num(value)) dépasse la limite de \(limit) pour un poids ou des points",
                "\(Self.num(value)) is above the limit of \(limit) for a weight or points")
        case .pointsNegative(let points):
            return l.pick(
                "les points ne peuvent pas être négatifs (\(Self.num(points)))",
                "points cannot be negative (\(Self.num(points)))")
        case .inheritedPointsAboveWeight(let special, let points, let weight):
            return l.pick(
                "la réponse « \(special) » rapporte \(Self.num(points)) points (special_answers), plus que le poids de cette question (\(Self.num(weight))) : donnez-lui son propre barème, par exemple « \(special): zero »",
                "answer '\(special)' earns \(Self.num(points)) points (special_answers), more than this question's weight (\(Self.num(weight))): give it its own scoring here, e.g. '\(special): zero'"
            )
        case .scoredNeedsDimension:
            return l.pick(
                "une question notée doit indiquer sa « dimension » (ou porter scored: false)",
                "a scored question needs a 'dimension' (or scored: false)")
        case .scoredTextQuestion:
            return l.pick(
                "une question à texte libre ne peut pas être notée : ajoutez scored: false",
                "a free-text question cannot be scored: add scored: false")
        case .unscoredWithPoints:
            return l.pick(
                "une question non notée ne porte ni poids ni points",
                "an unscored question carries no weight and no points")
        case .optionsRequired(let kind):
            return l.pick("une question « \(kind) » doit proposer des « options »", "a '\(kind)' question needs 'options'")
        case .kind(let message):
            return l.pick(message.french, message.english)
        case .notForKind(let key, let kind):
            return l.pick(
                "« \(key) » ne s'emploie pas dans une question « \(kind) »",
                "'\(key)' does not apply to a '\(kind)' question")
        case .noFullPoints(let best, let weight):
            return l.pick(
                "aucune réponse ne rapporte le poids entier (\(Self.num(best)) sur \(Self.num(weight)))",
                "no answer earns the full weight (\(Self.num(best)) of \(Self.num(weight)))")
        case .conditionShape:
            return l.pick(
                "une condition porte sur exactement un de : question, profile, all, any, not",
                "a condition is about exactly one of: question, profile, all, any, not")
        case .conditionTestCount:
            return l.pick(
                "une condition donne exactement un test : equals, in, includes, at_least, at_most ou answered",
                "a condition gives exactly one test: equals, in, includes, at_least, at_most or answered")
        case .conditionLaterQuestion(let id):
            return l.pick(
                "la condition porte sur la question « \(id) », posée plus loin : une condition ne peut lire que des questions antérieures",
                "the condition reads question '\(id)', asked later: a condition can only read earlier questions")
        case .conditionOnAnswerInApplicability:
            return l.pick(
                "« applies_when » ne teste que le profil : pour dépendre d'une réponse, utilisez « when »",
                "'applies_when' only tests the profile: to depend on an answer, use 'when'")
        case .conditionTestNotForKind(let test, let kind):
            return l.pick(
                "le test « \(test) » ne s'applique pas à une valeur « \(kind) »",
                "test '\(test)' does not apply to a '\(kind)' value")
        case .conditionValueNotOffered(let value, let question, let offered):
            return l.pick(
                "« \(value) » n'est pas une réponse possible de « \(question) » (réponses possibles : \(offered.joined(separator: ", ")))",
                "'\(value)' is not a possible answer of '\(question)' (possible answers: \(offered.joined(separator: ", ")))")
        case .conditionNotANumber(let value):
            return l.pick("« \(value) » n'est pas un nombre", "'\(value)' is not a number")
        case .cycle(let path):
            return l.pick(
                "cycle de conditions : \(path.joined(separator: " → "))",
                "cycle of conditions: \(path.joined(separator: " → "))")
        case .levelsEmpty:
            return l.pick("au moins un niveau de maturité est nécessaire", "at least one maturity level is needed")
        case .levelIDTooLong(let id, let bytes):
            return l.pick(
                "identifiant de niveau « \(id.prefix(40))… » trop long (\(bytes) octets ; au plus \(MaturityLevel.maximumIDBytes))",
                "level id '\(id.prefix(40))…' too long (\(bytes) bytes; at most \(MaturityLevel.maximumIDBytes))")
        case .levelsFirstNotZero(let minimum):
            return l.pick(
                "le premier niveau doit commencer à 0, pas à \(Self.num(minimum))",
                "the first level must start at 0, not at \(Self.num(minimum))")
        case .levelsNotIncreasing(let previous, let current):
            return l.pick(
                "les seuils des niveaux doivent croître (\(Self.num(current)) après \(Self.num(previous)))",
                "level thresholds must increase (\(Self.num(current)) after \(Self.num(previous)))")
        case .levelOutOfRange(let minimum):
            return l.pick("seuil \(Self.num(minimum)) hors de 0..100", "threshold \(Self.num(minimum)) outside 0..100")
        case .typologyFieldCount(let count):
            return l.pick(
                "le profil doit avoir exactement un champ de type « typology » (\(count) trouvés)",
                "the profile needs exactly one field of kind 'typology' (\(count) found)")
        case .dimensionWithoutQuestions(let id):
            return l.pick("la dimension « \(id) » n'a aucune question notée", "dimension '\(id)' has no scored question")
        case .noDimensionWeight:
            return l.pick(
                "au moins une dimension doit avoir un poids supérieur à 0", "at least one dimension needs a weight above 0")
        case .noTypology:
            return l.pick("au moins une typologie est nécessaire", "at least one typology is needed")
        case .response(let issue):
            return "\(issue.fieldPath): \(issue.message(l))"
        case .csv(.unbalancedQuote(let line)):
            return l.pick(
                "guillemet ouvert ligne \(line) jamais refermé : vérifiez les guillemets de cette ligne",
                "quote opened on line \(line) is never closed: check the quotes of that line")
        case .csv(.strayQuote):
            return l.pick(
                "guillemet au milieu d'une cellule non entourée de guillemets : doublez-le (\"\") et entourez la cellule de guillemets",
                "quote in the middle of an unquoted cell: double it (\"\") and put the cell in quotes")
        case .csv(.invalidUTF8):
            return l.pick(
                "octets qui ne sont pas du texte UTF-8 : exportez le fichier en UTF-8",
                "bytes that are not UTF-8 text: export the file as UTF-8")
        case .workbook(let problem):
            return Self.workbookText(problem, l)
        case .unknownEncoding:
            return l.pick(
                "ce fichier n'est pas en UTF-8, et son codage n'a pu être reconnu : enregistrez-le en UTF-8 (Excel : Fichier > Enregistrer sous > « CSV UTF-8 (délimité par des virgules) » ; LibreOffice : Enregistrer sous > CSV, cochez « Éditer les paramètres du filtre », jeu de caractères « Unicode (UTF-8) ») ou importez directement le classeur .xlsx ou .ods",
                "this file is not UTF-8, and its encoding could not be recognised: save it as UTF-8 (Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'; LibreOffice: Save As > CSV, tick 'Edit filter settings', character set 'Unicode (UTF-8)') or import the .xlsx or .ods workbook itself"
            )
        case .readAsOther(let row, let column, let text, let option):
            let shown = Self.shown(text, l)
            return l.pick(
                "ligne \(row), colonne « \(column) » : « \(shown) » n'est pas une option, lu comme « \(option) » avec ce texte pour justification",
                "row \(row), column '\(column)': '\(shown)' is not an option, read as '\(option)' with this text as its justification"
            )
        case .scoredQuestionsWithoutColumn(let ids):
            let list = ids.count > 12 ? ids.prefix(12).joined(separator: ", ") + "…" : ids.joined(separator: ", ")
            return l.pick(
                "\(ids.count) question(s) notée(s) sans colonne dans ce fichier, comptée(s) sans réponse pour chaque ligne : \(list) (une colonne ignorée ou mal nommée ? voir --mapping)",
                "\(ids.count) scored question(s) with no column in this file, counted as unanswered in every row: \(list) (a column ignored or misnamed? see --mapping)"
            )
        case .readAsEncoding(let encoding):
            return l.pick(
                "fichier lu en \(encoding) (il n'est pas en UTF-8) : vérifiez les accents des réponses importées",
                "file read as \(encoding) (it is not UTF-8): check the accents of the imported answers")
        case .emptyTable:
            return l.pick("le tableau est vide : il faut une ligne d'en-tête", "the table is empty: a header row is needed")
        case .inRowShape(let row, let found, let expected):
            return l.pick(
                "ligne \(row) : \(found) cellules au lieu de \(expected) (une par colonne d'en-tête)",
                "row \(row): \(found) cells instead of \(expected) (one per header column)")
        case .unknownColumn(let header, let suggestion):
            let hint =
                suggestion.map { l.pick(" ; vouliez-vous dire « \($0) » ?", "; did you mean '\($0)'?") }
                ?? l.pick(
                    " : nommez-la par un identifiant de question ou de profil, ou décrivez-la dans un fichier de correspondance (--mapping)",
                    ": name it by a question or profile id, or map it in a mapping file (--mapping)")
            let name = Self.shown(header, l)
            return l.pick("colonne inconnue « \(name) »", "unknown column '\(name)'") + hint
        case .duplicateColumn(let header, let first):
            return l.pick(
                "la colonne « \(header) » désigne la même chose que « \(first) »",
                "column '\(header)' means the same as '\(first)'")
        case .unnamedColumnValue(let row, let column, let value):
            return l.pick(
                "ligne \(row), colonne sans nom (colonne \(column)) : valeur « \(value) » ; donnez un en-tête à cette colonne ou videz-la",
                "row \(row), unnamed column (column \(column)): value '\(value)'; give the column a header or empty it")
        case .unexpectedKind(let kind, let expected):
            return l.pick(
                "type de fichier « \(kind) » : ce fichier doit porter « kind: \(expected) »",
                "file kind '\(kind)': this file must say 'kind: \(expected)'")
        case .headerRowsNotFollowing(let rows):
            let listed = rows.map(String.init).joined(separator: ", ")
            return l.pick(
                "« header_row » : les lignes d'en-tête [\(listed)] doivent se suivre (par exemple [2, 3])",
                "'header_row': the header rows [\(listed)] must follow each other (e.g. [2, 3])")
        case .emptySeparator:
            return l.pick(
                "« separator » ne peut pas être vide : donnez le caractère qui sépare les choix multiples (par exemple « ; » ou « | »)",
                "'separator' cannot be empty: give the character that separates multiple choices (e.g. ';' or '|')")
        case .inRow(let row, let column, let issue):
            return Self.place(row, column, l) + l.pick(" : ", ": ") + issue.message(l)
        case .inRowWritten(let row, let column, let written, let issue):
            let cell = Self.shown(written, l)
            return Self.place(row, column, l) + l.pick(", cellule « \(cell) » : ", ", cell '\(cell)': ") + issue.message(l)
        case .duplicateRespondent(let row, let firstRow):
            return l.pick(
                "ligne \(row) : même répondant, même organisation qu'à la ligne \(firstRow) : gardez une seule ligne",
                "row \(row): same respondent of the same organisation as row \(firstRow): keep one row")
        case .duplicateSkipped(let row, let kept, let rule):
            return l.pick(
                "ligne \(row) : même répondant, même organisation qu'à la ligne \(kept) ; la ligne \(kept) est gardée (--keep \(rule)), celle-ci n'est pas importée",
                "row \(row): same respondent of the same organisation as row \(kept); row \(kept) is kept (--keep \(rule)), this one is not imported"
            )
        case .duplicateReplaces(let row, let earlier):
            return l.pick(
                "ligne \(row) : même répondant, même organisation qu'à la ligne \(earlier), qu'elle remplace (--keep latest)",
                "row \(row): same respondent of the same organisation as row \(earlier), which it replaces (--keep latest)")
        case .duplicateRespondentFile(let firstFile):
            return l.pick(
                "même répondant, même organisation que dans \(firstFile) : gardez un seul fichier",
                "same respondent of the same organisation as in \(firstFile): keep one file")
        case .otherQuestionnaire(let named, let expected):
            return l.pick(
                "le catalogue se rapporte au questionnaire « \(named) », pas à « \(expected) » : choisissez le bon avec --questionnaire",
                "the catalogue refers to questionnaire '\(named)', not '\(expected)': choose the right one with --questionnaire")
        case .prerequisiteUnsuited(let action, let required, let typologies):
            let list = typologies.joined(separator: ", ")
            return l.pick(
                "l'action « \(action) » requiert « \(required) », qui n'est pas proposée à toutes ses typologies (manque : \(list)) : ajoutez-les aux typologies de « \(required) », ou retirez-les de celles de « \(action) »",
                "action '\(action)' requires '\(required)', which is not offered to all its typologies (missing: \(list)): add them to the typologies of '\(required)', or remove them from those of '\(action)'"
            )
        case .firstStepAfterLaterStep(let action, let required):
            return l.pick(
                "l'action « \(action) » est une première étape (first_step: true) mais requiert « \(required) », qui n'en est pas une : une première étape ne peut attendre qu'une autre première étape ; marquez « \(required) » first_step ou retirez ce prérequis",
                "action '\(action)' is a first step (first_step: true) but requires '\(required)', which is not: a first step can only wait for another first step; mark '\(required)' first_step or remove the prerequisite"
            )
        case .prerequisiteCycle(let path):
            return l.pick(
                "cycle de prérequis : \(path.joined(separator: " → "))",
                "cycle of prerequisites: \(path.joined(separator: " → "))")
        case .addressesUnscored(let id):
            return l.pick(
                "« \(id) » n'est pas une question notée : une action ne comble que des écarts de points",
                "'\(id)' is not a scored question: an action only closes gaps in points")
        case .addressesOutsideDimensions(let question, let dimension):
            return l.pick(
                "la question « \(question) » compte en « \(dimension) », absente de addresses.dimensions",
                "question '\(question)' counts in '\(dimension)', which addresses.dimensions does not list")
        case .dimensionTestCount:
            return l.pick(
                "un test de dimension donne exactement un de : below, at_least",
                "a dimension test gives exactly one of: below, at_least")
        case .nameCodeInvalid(let code):
            return l.pick(
                "code invalide « \(code) » : un code non vide d'au plus \(ValueNamesLoader.longestCode) caractères",
                "invalid code '\(code)': a non-empty code of at most \(ValueNamesLoader.longestCode) characters")
        case .planSizeInvalid(let size):
            return l.pick(
                "taille de plan invalide (\(size)) : au moins 1 action", "invalid plan size (\(size)): at least 1 action")
        case .minimumCompletenessRange(let value):
            return l.pick(
                "minimum_completeness invalide (\(NumberText.exact(value))) : une part en pour cent, de 0 à 100",
                "invalid minimum_completeness (\(NumberText.exact(value))): a share in per cent, from 0 to 100")
        case .yamlBudget(let kind):
            switch kind {
            case .tooManyNodes(let limit):
                return l.pick(
                    "fichier trop grand une fois ses alias « * » développés (plus de \(limit) valeurs) : écrivez les valeurs sans alias",
                    "file too large once its aliases '*' are expanded (more than \(limit) values): write the values without aliases"
                )
            case .tooManyBytes(let limit):
                return l.pick(
                    "fichier trop grand une fois ses alias « * » développés (plus de \(limit >> 20) Mio de texte) : écrivez les valeurs sans alias",
                    "file too large once its aliases '*' are expanded (more than \(limit >> 20) MiB of text): write the values without aliases"
                )
            case .collectionKey:
                return l.pick(
                    "une clé doit être un texte, pas une liste ni un bloc (ni un alias « * » de l'un d'eux)",
                    "a key must be a text, not a list or a block (nor an alias '*' of one)")
            case .longKey(let bytes, let limit):
                return l.pick(
                    "clé trop longue (\(bytes) octets ; au plus \(limit)) : une clé est un nom court",
                    "key too long (\(bytes) bytes; at most \(limit)): a key is a short name")
            }
        case .tooManyColumns(let count, let limit):
            return l.pick(
                "l'en-tête a \(count) colonnes, au plus \(limit) sont lues : vérifiez le séparateur et l'export",
                "the header has \(count) columns, at most \(limit) are read: check the separator and the export")
        case .emptyFolder:
            return l.pick(
                "ce dossier ne contient aucun fichier de réponses (.yaml, .yml, .json, .csv, .tsv) : rien à importer",
                "this folder holds no response file (.yaml, .yml, .json, .csv, .tsv): nothing to import")
        case .setAsideRowsSkipped:
            return l.pick(
                "ignoré : des lignes qu'un import précédent a écartées ; corrigez-les, puis importez ce fichier en le nommant",
                "skipped: rows an earlier import set aside; correct them, then import this file by naming it")
        case .nothingToImport(let files):
            return l.pick(
                "aucune réponse dans \(files == 1 ? "ce fichier" : "ces \(files) fichiers") : rien à importer, aucune campagne n'est créée",
                "no response in \(files == 1 ? "this file" : "these \(files) files"): nothing to import, no campaign is created")
        case .helpURL(let url):
            return l.pick(
                "adresse web invalide « \(url) » : une adresse http:// ou https:// sans espace ni < > \"",
                "invalid web address '\(url)': an http:// or https:// address without spaces or < > \"")
        case .helpEmail(let email):
            return l.pick(
                "adresse électronique invalide « \(email) » : nom@domaine, sans espace ni < > \"",
                "invalid e-mail address '\(email)': name@domain, without spaces or < > \"")
        case .durationInvalid(let hours):
            return l.pick(
                "durée invalide (\(hours)) : un nombre d'heures supérieur à 0 et au plus 10 000",
                "invalid duration (\(hours)): a number of hours above 0 and at most 10,000")
        case .invalidColumnTarget(let target):
            return l.pick(
                "cible « \(target) » inconnue : ignore, un champ de profil, une question, ou question.justification / .evidence / .confidence",
                "unknown target '\(target)': ignore, a profile field, a question, or question.justification / .evidence / .confidence"
            )
        }
    }

    static func num(_ value: Double) -> String { NumberText.format(value, decimals: 6) }

    private static func kindName(_ kind: String, _ language: Language) -> String {
        let names: [String: (String, String)] = [
            "question": ("question", "question"), "dimension": ("dimension", "dimension"),
            "option": ("option", "option"), "row": ("ligne", "row"), "typology": ("typologie", "typology"),
            "family": ("famille de typologies", "typology family"), "level": ("niveau", "level"),
            "section": ("section", "section"), "aspect": ("aspect", "aspect"),
            "profile field": ("champ de profil", "profile field"),
            "typology or family": ("typologie ou famille", "typology or family"),
            "column": ("colonne", "column"),
            "action": ("action", "action"),
            "action family": ("famille d'actions", "action family"),
            "special answer": (
                "réponse spéciale (à déclarer sous special_answers)", "special answer (declare it under special_answers)"
            ),
        ]
        guard let pair = names[kind] else { return kind }
        return language == .fr ? pair.0 : pair.1
    }
}

extension DefinitionMessage {
    /// "row 3, column 'p1'" (or "row 3" without a column), in `l`.
    static func place(_ row: Int, _ column: String?, _ l: Language) -> String {
        column.map { l.pick("ligne \(row), colonne « \($0) »", "row \(row), column '\($0)'") }
            ?? l.pick("ligne \(row)", "row \(row)")
    }

    /// Why a workbook cannot be read, in `l`.
    static func workbookText(_ problem: WorkbookSheet.Problem, _ l: Language) -> String {
        switch problem {
        case .notAPackage(let format):
            return l.pick(
                "ce n'est pas un classeur \(format.rawValue.uppercased()) lisible (fichier abîmé, ou d'un autre format sous cette extension)",
                "not a readable \(format.rawValue.uppercased()) workbook (a damaged file, or another format under that extension)"
            )
        case .missingPart(let format, let part):
            return l.pick(
                "classeur \(format.rawValue.uppercased()) incomplet : la partie « \(part) » manque",
                "incomplete \(format.rawValue.uppercased()) workbook: the part '\(part)' is missing")
        case .badXML(let part, let line):
            return l.pick(
                "classeur abîmé : la partie « \(part) » n'est pas du XML bien formé (ligne \(line))",
                "damaged workbook: the part '\(part)' is not well-formed XML (line \(line))")
        case .noSuchSheet(let name, let available):
            return l.pick(
                "aucune feuille « \(name) » dans ce classeur ; feuilles : \(available.map { "« \($0) »" }.joined(separator: ", "))",
                "no sheet '\(name)' in this workbook; sheets: \(available.map { "'\($0)'" }.joined(separator: ", "))")
        case .noSheet:
            return l.pick("ce classeur n'a aucune feuille", "this workbook has no sheet")
        case .partTooLarge(let part, let limit):
            return l.pick(
                "la partie « \(part) » du classeur dépasse \(limit) octets une fois décompressée",
                "the workbook's part '\(part)' is over \(limit) bytes once unpacked")
        case .tooManyColumns(let row, let limit):
            return l.pick(
                "ligne \(row) : une cellule au-delà de la colonne \(limit), la dernière qu'un tableau peut avoir",
                "row \(row): a cell beyond column \(limit), the last a table may have")
        }
    }
}
