import Crypto
import DiagnosticStore
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import Synchronization

/// The anti-forgery token of a form, bound to what the form acts for (a private link, an advisor's
/// session, a login page's cookie): an HMAC of it under the server's secret. A page from another
/// site cannot read it, so a form it posts has none, or a wrong one, and is refused.
struct FormGuard: Sendable {
    let secret: Data

    /// The token of a form acting for `scope`.
    func token(for scope: String) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(scope.utf8), using: SymmetricKey(data: secret))))
    }

    /// Whether `given` is the token of `scope`, compared in constant time.
    func accepts(_ given: String?, for scope: String) -> Bool {
        guard let given else { return false }
        return Self.constantTimeEqual(Array(given.utf8), Array(token(for: scope).utf8))
    }

    /// Whether two byte strings are equal, in a time that depends only on their lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")

    /// Why a state-changing request is refused before its form is read, if it is: it says it comes
    /// from another site (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not this host), or
    /// its body is not a form.
    static func refusal(of headers: HTTPFields, host: String?) -> Refusal? {
        if let name = Self.fetchSite, headers[name] == "cross-site" { return .crossSite }
        // "null" is what a browser sends when the page asked for no referrer, or from a sandbox:
        // it says nothing, and the form's token decides.
        if let origin = headers[.origin], origin != "null" {
            let named = URLComponents(string: origin).flatMap { url -> String? in
                guard let host = url.host else { return nil }
                return url.port.map { "\(host):\($0)" } ?? host
            }
            guard let named, let host, named.lowercased() == host.lowercased() else { return .crossSite }
        }
        let type = headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/x-www-form-urlencoded" else { return .notAForm }
        return nil
    }

    /// Why a request was refused.
    enum Refusal: Sendable {
        case crossSite, notAForm
    }
}

/// base64url without padding, as tokens are written.
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Advisors' passwords: hashed with bcrypt (cost 12, about a quarter of a second here), never stored.
public enum Passwords {
    /// The fewest characters a password may have.
    public static let minimumLength = 10

    /// The bcrypt hash of `password`.
    public static func hash(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` is the one `hash` was made from.
    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// A hash to check a password against when the account does not exist, so that a wrong name
    /// takes as long as a wrong password.
    static let decoy = Bcrypt.hash("od4g-no-such-account", cost: 12)
}

/// Login attempts: after `limit` failures for one account name (or from one address) within
/// `window` seconds, further attempts are refused until the window has passed.
final class LoginThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// The seconds to wait before `keys` may try again, or `nil` when they may try now.
    func wait(for keys: [String], now: Date) -> TimeInterval? {
        failures.withLock { table in
            var longest: TimeInterval?
            for key in keys {
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                table[key] = recent
                if recent.count >= limit, let first = recent.first {
                    longest = max(longest ?? 0, window - now.timeIntervalSince(first))
                }
            }
            return longest
        }
    }

    /// Notes a failed attempt of `keys`.
    func fail(_ keys: [String], now: Date) {
        failures.withLock { table in
            for key in keys { table[key, default: []].append(now) }
            // Names tried once and never again would stay for ever: past a bound, the expired go.
            if table.count > 10_000 {
                table = table.compactMapValues { times in
                    let recent = times.filter { now.timeIntervalSince($0) < window }
                    return recent.isEmpty ? nil : recent
                }
            }
        }
    }

    /// Forgets the failures of `keys` after a successful login.
    func succeed(_ keys: [String]) {
        failures.withLock { table in
            for key in keys { table[key] = nil }
        }
    }
}
