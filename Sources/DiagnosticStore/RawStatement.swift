import Foundation
import GRDB
import GRDBSQLite

/// One of an import's write statements, or a campaign's reading query, bound and run through
/// SQLite's C interface.
///
/// An import runs each of them once per respondent, a hundred thousand times for a large region;
/// through GRDB, building the arguments (an array of existential values, each converted and
/// copied) cost some 40 % of SQLite's own work under `perf` (docs/performance.md). Errors are GRDB's
/// `DatabaseError`, with SQLite's code and message, as for any other statement.
final class RawStatement {
    private let connection: OpaquePointer
    private let statement: OpaquePointer
    private let sql: String

    /// Prepares `sql` on `db`'s connection, inside its current transaction.
    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "connection closed", sql: sql)
        }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        statement = prepared
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// SQLite copies what it is given before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds text (`nil` binds NULL) to parameter `index` (from 1).
    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        value.withUTF8 { bytes in
            // An empty buffer may have no address, which SQLite would read as NULL: bind "" itself.
            if let base = bytes.baseAddress, !bytes.isEmpty {
                sqlite3_bind_text(
                    statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                    Self.transient)
            } else {
                sqlite3_bind_text(statement, index, "", 0, Self.transient)
            }
        }
    }

    /// Binds a number (`nil` binds NULL).
    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    /// Binds an integer.
    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    /// Binds bytes.
    func bind(_ index: Int32, _ value: Data) {
        value.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                sqlite3_bind_blob(statement, index, base, Int32(bytes.count), Self.transient)
            } else {
                sqlite3_bind_zeroblob(statement, index, 0)
            }
        }
    }

    /// Steps to the next row of a query: `true` on a row (read it with `int64`, `double`, `text`,
    /// `data`), `false` at the end, when the statement is made ready to run again.
    func step() throws -> Bool {
        let code = sqlite3_step(statement)
        if code == SQLITE_ROW { return true }
        let failure = code == SQLITE_DONE ? nil : lastError()
        sqlite3_reset(statement)
        if let failure { throw failure }
        return false
    }

    /// Column `index` (from 0) of the current row as an integer (0 for NULL).
    func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(statement, index)
    }

    /// Column `index` as a number, `nil` for NULL.
    func double(_ index: Int32) -> Double? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_double(statement, index)
    }

    /// Column `index` as text, `nil` for NULL.
    func text(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Column `index` as bytes (empty for NULL or an empty blob).
    func data(_ index: Int32) -> Data {
        guard let bytes = sqlite3_column_blob(statement, index) else { return Data() }
        return Data(bytes: bytes, count: Int(sqlite3_column_bytes(statement, index)))
    }

    /// Runs the statement with the values bound, then makes it ready for the next ones.
    func execute() throws {
        let code = sqlite3_step(statement)
        let failure = code == SQLITE_DONE ? nil : lastError()
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        if let failure { throw failure }
    }

    /// SQLite's error of the last call on this connection, as GRDB reports errors.
    private func lastError() -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
