/// The scrypt work factors used to turn a passphrase into the key that wraps the data key.
/// Stored per account, so a later version can raise them when that person next changes their
/// passphrase.
public struct KDFCost: Hashable, Sendable, CustomStringConvertible {
    /// CPU/memory cost N; a power of two.
    public let rounds: Int
    /// Block size r.
    public let blockSize: Int
    /// Parallelism p.
    public let parallelism: Int

    /// Validates the parameters (N a power of two of at least 2, r and p positive).
    public init(rounds: Int, blockSize: Int, parallelism: Int) throws {
        guard rounds >= 2, rounds & (rounds - 1) == 0, blockSize > 0, parallelism > 0 else {
            throw StoreError.invalid("scrypt needs N a power of two and r, p positive (got \(rounds), \(blockSize), \(parallelism))")
        }
        self.init(unchecked: rounds, blockSize, parallelism)
    }

    private init(unchecked rounds: Int, _ blockSize: Int, _ parallelism: Int) {
        self.rounds = rounds
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// N = 2^15, r = 8, p = 1: about 32 MiB and a tenth of a second per login. Never lower this.
    public static let `default` = KDFCost(unchecked: 1 << 15, 8, 1)

    /// N = 2^10: fast enough for test suites that create many stores. Tests pass it explicitly;
    /// nothing in the product uses it.
    public static let testOnly = KDFCost(unchecked: 1 << 10, 8, 1)

    public var description: String { "scrypt N=\(rounds) r=\(blockSize) p=\(parallelism)" }
}
