import DiagnosticCore
import Hummingbird

/// The language switch: `?lang=en` (or `fr`) on any page answers it in that language and keeps the
/// choice in a cookie for the pages and forms that follow; without a choice, the server's language.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// The cookie that keeps the choice.
    static let cookie = "od4g_lang"

    let secureCookies: Bool

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let asked = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
        let chosen = asked ?? request.cookies[Self.cookie].flatMap { Language(rawValue: $0.value) }
        let rest = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") && $0 != "lang" }
        let target = request.uri.path + (rest.isEmpty ? "" : "?" + rest.joined(separator: "&"))
        var response = try await WebServer.$requestLanguage.withValue(chosen) {
            try await WebServer.$requestTarget.withValue(target) { try await next(request, context) }
        }
        if let asked {
            response.setCookie(
                Cookie(
                    name: Self.cookie, value: asked.rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: secureCookies,
                    httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// The address of the page being answered, in `language`.
    static func address(in language: Language) -> String? {
        guard let target = WebServer.requestTarget else { return nil }
        return target + (target.contains("?") ? "&" : "?") + "lang=" + language.rawValue
    }

    /// The language other than `language`, its name written in itself.
    static func other(than language: Language) -> (language: Language, name: String) {
        language == .fr ? (.en, "English") : (.fr, "Français")
    }
}
