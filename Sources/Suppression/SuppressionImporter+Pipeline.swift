import Foundation

extension SuppressionImporter {
    /// Hands batches from the thread reading the file to the thread writing the store.
    ///
    /// Reading (splitting, normalising, hashing, sorting) and SQLite's inserts each take about
    /// half of an import: on two cores they overlap. At most `capacity` batches wait, which
    /// bounds the memory a fast reader can take ahead of a slow store.
    final class BatchChannel: @unchecked Sendable {
        enum Item {
            case batch(Batch)
            case end(Result<Report, any Error>)
        }

        private let condition = NSCondition()
        private var queue: [Batch] = []
        private var result: Result<Report, any Error>?
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
        }

        /// Waits for room; throws `CancellationError` once the writer has given up.
        func send(_ batch: Batch) throws {
            self.condition.lock()
            defer { self.condition.unlock() }
            while self.queue.count >= self.capacity && !self.cancelled {
                self.condition.wait()
            }
            if self.cancelled {
                throw CancellationError()
            }
            self.queue.append(batch)
            self.condition.broadcast()
        }

        /// The reader's last word: its report, or the error that stopped it.
        func finish(_ result: Result<Report, any Error>) {
            self.condition.lock()
            self.result = result
            self.condition.broadcast()
            self.condition.unlock()
        }

        /// The next batch, or the reader's result once every batch has been received.
        func receive() -> Item {
            self.condition.lock()
            defer { self.condition.unlock() }
            while self.queue.isEmpty && self.result == nil {
                self.condition.wait()
            }
            // A bad line fails the import: the batches still queued need not be written.
            if let result = self.result, case .failure = result {
                return .end(result)
            }
            if !self.queue.isEmpty {
                self.condition.broadcast()
                return .batch(self.queue.removeFirst())
            }
            return .end(self.result!)
        }

        /// Stops the reader (the writer failed) and waits until it has finished.
        func cancelAndWait() {
            self.condition.lock()
            defer { self.condition.unlock() }
            self.cancelled = true
            self.queue.removeAll()
            self.condition.broadcast()
            while self.result == nil {
                self.condition.wait()
            }
        }
    }

    /// Reads `path` on a thread of its own, sending batches of `batchSize` entries.
    func startReading(_ path: String, batchSize: Int, into channel: BatchChannel) {
        let thread = Thread { [self] in
            var pending = Batch(capacity: batchSize)
            let result = Result {
                let report = try self.read(path) { entry in
                    pending.append(entry)
                    if pending.count >= batchSize {
                        try channel.send(pending.sorted())
                        pending = Batch(capacity: batchSize)
                    }
                }
                if pending.count > 0 {
                    try channel.send(pending.sorted())
                }
                return report
            }
            channel.finish(result)
        }
        thread.name = "suppression import reader"
        thread.start()
    }
}
