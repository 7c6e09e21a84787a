import DiagnosticCore

/// YAML syntax problems in the reader's language: the YAML library reports them in English;
/// those od4g recognises are said in French (and plainer English), the others quoted as they are
/// after a sentence of od4g's own.
enum YAMLProblem {
    /// The library's problems (and contexts) that od4g recognises, with what to say instead.
    static let known: [String: (fr: String, en: String)] = [
        "mapping values are not allowed in this context": (
            "un « : » inattendu (une valeur contenant « : » doit être entre guillemets, ou l'indentation est décalée)",
            "an unexpected ':' (a value holding ':' must be quoted, or the indentation is off)"
        ),
        "did not find expected key": (
            "une clé attendue manque (indentation décalée ou ligne mal fermée)",
            "an expected key is missing (indentation is off or a line is not closed)"
        ),
        "could not find expected ':'": (
            "le « : » qui sépare une clé de sa valeur manque", "the ':' between a key and its value is missing"
        ),
        "found character that cannot start any token": (
            "un caractère qui ne peut pas commencer une valeur (une tabulation, « @ » ou « ` » : mettez la valeur entre guillemets)",
            "a character that cannot start a value (a tab, '@' or '`': quote the value)"
        ),
        "found a tab character that violates indentation": (
            "une tabulation dans l'indentation : indentez avec des espaces", "a tab in the indentation: indent with spaces"
        ),
        "found a tab character where an indentation space is expected": (
            "une tabulation dans l'indentation : indentez avec des espaces", "a tab in the indentation: indent with spaces"
        ),
        "found unexpected end of stream": (
            "le fichier s'arrête au milieu d'une valeur (un guillemet ou un crochet non fermé)",
            "the file ends in the middle of a value (an unclosed quote or bracket)"
        ),
        "did not find expected ',' or ']'": (
            "une liste entre crochets n'est pas fermée par « ] »", "a list in brackets is not closed with ']'"
        ),
        "did not find expected ',' or '}'": (
            "un bloc entre accolades n'est pas fermé par « } »", "a block in braces is not closed with '}'"
        ),
        "did not find expected '-' indicator": (
            "un élément de liste ne commence pas par « - » au même niveau que les autres",
            "a list item does not start with '-' at the level of the others"
        ),
        "did not find expected node content": ("une valeur manque", "a value is missing"),
        "block sequence entries are not allowed in this context": (
            "un « - » de liste à un endroit où une liste n'est pas permise (indentation décalée)",
            "a list '-' where no list is allowed (indentation is off)"
        ),
        "found unknown escape character": (
            "une barre oblique inverse « \\ » inconnue entre guillemets doubles (doublez-la, ou employez des guillemets simples)",
            "an unknown backslash escape in double quotes (double it, or use single quotes)"
        ),
        "found undefined alias": ("un alias « * » qui ne renvoie à aucune ancre « & »", "an alias '*' naming no anchor '&'"),
        "control characters are not allowed": (
            "un caractère de contrôle (invisible) dans le fichier", "a control (invisible) character in the file"
        ),
        "found unexpected document indicator": (
            "un « --- » ou « ... » au milieu du fichier", "a '---' or '...' in the middle of the file"
        ),
        "but found another document": (
            "le fichier contient plusieurs documents (« --- ») : un seul est attendu",
            "the file holds several documents ('---'): one is expected"
        ),
        "while scanning a quoted scalar": ("dans une valeur entre guillemets", "in a quoted value"),
        "while scanning a simple key": ("dans une clé", "in a key"),
        "while scanning a plain scalar": ("dans une valeur", "in a value"),
        "while parsing a block mapping": ("dans un bloc de clés", "in a block of keys"),
        "while parsing a block collection": ("dans une liste", "in a list"),
        "while scanning an alias": ("dans un alias « * »", "in an alias '*'"),
        "while scanning an anchor": ("dans une ancre « & »", "in an anchor '&'"),
    ]

    /// A problem, with its context when the library gives one, in `language`.
    static func text(_ problem: String, context: String?, language: Language) -> String {
        guard let said = known[problem] else {
            return language.pick(
                "la bibliothèque YAML signale : « \(problem)\(context.map { " (\($0))" } ?? "") »",
                "the YAML library reports: “\(problem)\(context.map { " (\($0))" } ?? "")”")
        }
        let place = context.flatMap { known[$0] }.map { language.pick($0.fr, $0.en) }
        return language.pick(said.fr, said.en) + (place.map { " (\($0))" } ?? "")
    }
}
