import GRDB

extension Row {
    /// The value of `column` of a row of `table`, converted to `Value`; a value another program left
    /// there in the wrong form (a BLOB where a name is expected, a NULL where a value is required) is
    /// a store error naming the table, the row and the column, instead of a crash inside GRDB.
    func value<Value: DatabaseValueConvertible>(_ column: String, of table: String, path: String?) throws(StoreError)
        -> Value
    {
        do {
            return try decode(Value.self, forColumn: column)
        } catch {
            throw StoreError(.unreadableValue(table: table, row: identity, column: column), path: path)
        }
    }

    /// The value at `index`, the column `column` of a row of `table` (see `value(_:of:path:)`).
    func value<Value: DatabaseValueConvertible>(at index: Int, _ column: String, of table: String, path: String?)
        throws(StoreError) -> Value
    {
        do {
            return try decode(Value.self, atIndex: index)
        } catch {
            throw StoreError(.unreadableValue(table: table, row: identity, column: column), path: path)
        }
    }

    /// How messages name the row: by its id or key when the query read them.
    private var identity: String {
        for name in ["id", "key", "o.key"] {
            if let value = self[name] as (any DatabaseValueConvertible)?,
                let text = (value as? CustomStringConvertible)?.description
            {
                return name.replacingOccurrences(of: "o.", with: "") + " " + String(text.prefix(60))
            }
        }
        return "?"
    }
}
