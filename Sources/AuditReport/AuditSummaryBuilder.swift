import Foundation
import Policy

/// Reads audit JSON Lines files and adds up an ``AuditSummary``.
public struct AuditSummaryBuilder {
    /// How many rules the summary ranks.
    public var topRuleCount = 20
    private let period: AuditPeriod
    private var summary: AuditSummary
    private var byAction: [String: Int] = [:]
    private var bySender: [String: Int] = [:]
    private var byRule: [String: Int] = [:]
    private var byDay: [String: AuditSummary.Day] = [:]
    private let decoder = JSONDecoder()

    public init(period: AuditPeriod = AuditPeriod(), files: [String] = []) {
        self.period = period
        self.summary = AuditSummary(period: period, files: files)
    }

    /// Reads the files in order. `progress` is called now and then with the bytes read so far and
    /// the total size of all files (for a progress line on large logs).
    public static func summarize(
        files: [String],
        period: AuditPeriod,
        progress: (_ read: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(AuditReportError) -> AuditSummary {
        var builder = AuditSummaryBuilder(period: period, files: files)
        var sizes: [Int] = []
        for file in files {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                let size = attributes[.size] as? Int
            else {
                throw AuditReportError("\(file): cannot read the file")
            }
            sizes.append(size)
        }
        let total = sizes.reduce(0, +)
        var done = 0
        for (file, size) in zip(files, sizes) {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw AuditReportError("\(file): cannot open the file")
            }
            defer { try? handle.close() }
            var pending: [UInt8] = []
            var readHere = 0
            while true {
                let chunk: Data
                do {
                    chunk = try handle.read(upToCount: 4 << 20) ?? Data()
                } catch {
                    throw AuditReportError("\(file): \(error)")
                }
                if chunk.isEmpty { break }
                readHere += chunk.count
                pending.append(contentsOf: chunk)
                var start = 0
                while let newline = pending[start...].firstIndex(of: 10) {
                    builder.add(line: pending[start..<newline])
                    start = newline + 1
                }
                pending.removeFirst(start)
                progress(done + readHere, total)
            }
            if !pending.isEmpty {
                builder.add(line: pending[...])
            }
            done += size
        }
        return builder.finish()
    }

    /// Adds one line of a file; blank lines are skipped, others that are not records are counted.
    public mutating func add(line: ArraySlice<UInt8>) {
        guard line.contains(where: { $0 != 32 && $0 != 13 && $0 != 9 }) else { return }
        guard let record = try? self.decoder.decode(AuditRecord.self, from: Data(line)) else {
            self.summary.unreadableLines += 1
            return
        }
        self.add(record)
    }

    /// Adds one record if it falls within the period.
    public mutating func add(_ record: AuditRecord) {
        guard self.period.contains(record.time) else { return }
        self.summary.first = min(self.summary.first ?? record.time, record.time)
        self.summary.last = max(self.summary.last ?? record.time, record.time)
        let marketing = record.verdict == "marketing"
        let suppressed = record.recipients.filter(\.suppressed).count
        self.summary.auditedMessages += 1
        self.summary.recipients += record.recipients.count
        self.summary.suppressedRecipients += suppressed
        if marketing { self.summary.marketingMessages += 1 }
        if record.mode == "monitor" { self.summary.monitorMessages += 1 }
        if suppressed > 0 { self.byAction[record.action, default: 0] += suppressed }
        if record.mislabelled { self.bySender[record.sender.isEmpty ? "<>" : record.sender, default: 0] += 1 }
        for rule in Set(record.rules) { self.byRule[rule, default: 0] += 1 }
        let date = String(record.time.prefix(10))
        var day = self.byDay[date] ?? AuditSummary.Day(date: date)
        day.audited += 1
        if marketing { day.marketing += 1 }
        day.suppressedRecipients += suppressed
        self.byDay[date] = day
    }

    /// The summary, tables ranked (most first, then by name, so that equal counts keep one order).
    public func finish() -> AuditSummary {
        func ranked(_ counts: [String: Int]) -> [AuditSummary.Count] {
            counts.map { AuditSummary.Count(name: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        }
        var summary = self.summary
        summary.suppressedByAction = ranked(self.byAction)
        summary.mislabelledBySender = ranked(self.bySender)
        summary.topRules = Array(ranked(self.byRule).prefix(self.topRuleCount))
        summary.days = self.byDay.values.sorted { $0.date < $1.date }
        return summary
    }
}
