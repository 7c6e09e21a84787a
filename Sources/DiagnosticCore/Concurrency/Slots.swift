import Foundation

/// Fixed slots that parallel workers fill, each worker writing its own index only.
public final class Slots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()

    /// `count` slots holding `value`.
    public init(count: Int, value: Value) {
        storage = Array(repeating: value, count: count)
    }

    /// The value of one slot.
    public subscript(index: Int) -> Value {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    /// Changes one slot and returns its new value, in one step for all workers.
    public func update(_ index: Int, _ change: (inout Value) -> Void) -> Value {
        lock.withLock {
            change(&storage[index])
            return storage[index]
        }
    }

    /// The values, in order.
    public var values: [Value] { lock.withLock { storage } }
}
