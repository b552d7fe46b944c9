import ArgumentParser
import HTTPServer
import Logging
import OptOutMilter

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `optout-milter run`: the daemon.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the milter in the foreground until SIGTERM.",
        discussion: """
            Listens for Postfix or Sendmail on a socket and filters every message they \
            pass to it. It stays in the foreground and logs to standard error: run it \
            under systemd (contrib/systemd/optout-milter.service) or another supervisor.

            SOCKET
              unix:/path        a unix-domain socket, recreated at start if stale;
                                owner, group and mode come from socket_owner,
                                socket_group and socket_mode (default 0660).
              inet:PORT@HOST    TCP on IPv4, e.g. inet:8891@127.0.0.1.
              inet6:PORT@HOST   TCP on IPv6, e.g. inet6:8891@::1.
              Default: the configuration's socket, else
              \(OptOutMilterConfiguration.defaultSocket).

            HTTP
              metrics.listen      /metrics, /healthz and /readyz (default
                                  127.0.0.1:9187; "" for none).
              unsubscribe.listen  one-click unsubscribe, POST and GET /u/TOKEN;
                                  only with an unsubscribe section (default
                                  127.0.0.1:9188).
              Each is refused on a non-loopback address unless its
              allow_remote is true. Nothing else listens.

            PRIVILEGES
              Started as root with user (and group) in the configuration, the
              milter becomes that user once its socket is open and can never
              regain root; the store and audit files must then be theirs.
              Started as root without user, it runs on as root and warns.

            SIGNALS
              SIGTERM, SIGINT, SIGHUP
                  Stop gracefully: messages in progress finish (at most
                  drain_timeout seconds, default 5); messages that start after
                  the signal get a 451 so the MTA retries; then exit 0.
              SIGUSR1
                  Reload the configuration file, the rule file and the
                  suppression list, and reopen the audit file (for logrotate).
                  A failed reload keeps the policy in force and logs why.
                  Keys read only at start (socket*, listen_backlog, user,
                  group, on_internal_error, drain_timeout, log_level,
                  metrics.listen, unsubscribe.listen) are reported as
                  needing a restart.

            EXIT STATUS
              0   stopped by a signal
              1   libmilter stopped on an error while running
              64  bad command line or configuration (names the file and line)
              69  cannot listen on the socket, metrics.listen or
                  unsubscribe.listen
              78  cannot load the policy: the rule file, the suppression
                  store, the audit file or an unsubscribe key cannot be
                  read or opened

            FILES
              \(OptOutMilterConfiguration.defaultPath)
                  Read when --config is not given and the file exists;
                  otherwise the built-in defaults apply.

            EXAMPLES
              optout-milter run
              optout-milter run --config /etc/optout-milter/optout-milter.yaml
              optout-milter run --socket inet:8891@127.0.0.1
              optout-milter run --config contrib/optout-milter.yaml \\
                  --socket unix:$PWD/run/optout-milter.sock
            """
    )

    @Option(name: .long, help: ArgumentHelp("The YAML configuration file.", valueName: "file"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Where to listen: unix:/path, inet:PORT@HOST or inet6:PORT@HOST.", valueName: "spec")
    )
    var socket: String?

    @Flag(name: .long, help: .hidden)
    var testMode = false

    func run() throws {
        // First, before anything can start a thread: every thread must inherit these blocked signals.
        OptOutMilterDaemon.blockSignals()

        let path = Self.configurationPath(self.config)
        var configuration: OptOutMilterConfiguration
        let socket = self.socket
        do {
            configuration = try path.map { try OptOutMilterConfiguration.load(path: $0) } ?? OptOutMilterConfiguration()
            if let socket {
                try configuration.setSocket(socket)
            }
        } catch {
            Self.printError("optout-milter run: \(error)")
            throw ExitStatus.usage.exit
        }

        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "optout-milter")
        // Before the holder: its PolicyMetrics takes the bootstrapped factory when it is created.
        // With no listener nobody can read the metrics, so none are kept (swift-metrics' no-op).
        let exporter = configuration.metrics.listen == nil ? nil : PrometheusExporter.bootstrap()
        logger.info(
            "starting",
            metadata: [
                "optout.version": "\(OptOutMilterVersion.current)",
                "optout.config": "\(path ?? "built-in defaults")",
            ]
        )
        let holder: SnapshotHolder
        do {
            let builder = PolicySnapshotBuilder(configuration: configuration, configurationPath: path, logger: logger) {
                if let socket {
                    try $0.setSocket(socket)
                }
            }
            holder = try SnapshotHolder(builder: builder, logger: logger)
        } catch {
            logger.critical("cannot load the policy", metadata: ["error": "\(error)"])
            throw ExitStatus.policyUnavailable.exit
        }
        // Signals were blocked first thing, so the HTTP server's threads (SwiftNIO's and Swift
        // concurrency's, all created from here on) inherit the mask: SIGTERM still reaches the main
        // thread's sigwait in MilterServer and never kills the process from another thread.
        let readiness = MilterReadiness()
        var metricsServer: HTTPListener?
        if let address = configuration.metrics.listen, let exporter {
            let allowRemote = configuration.metrics.allowRemote
            metricsServer = try Self.serve("metrics", key: "metrics.listen", address: address, logger: logger) {
                try await MetricsHTTPServer.start(
                    address: address,
                    allowRemote: allowRemote,
                    exporter: exporter,
                    holder: holder,
                    readiness: readiness,
                    logger: logger
                )
            }
        }
        defer { metricsServer?.stop() }
        var unsubscribeServer: HTTPListener?
        if let settings = configuration.unsubscribe {
            let service = UnsubscribeService(holder: holder, logger: logger)
            unsubscribeServer = try Self.serve(
                "the unsubscribe endpoint",
                key: "unsubscribe.listen",
                address: settings.listen,
                logger: logger
            ) {
                try await UnsubscribeHTTPServer.start(
                    address: settings.listen,
                    allowRemote: settings.allowRemote,
                    service: service,
                    logger: logger
                )
            }
        }
        defer { unsubscribeServer?.stop() }
        let status: Int32
        do {
            status = try OptOutMilterDaemon.run(
                holder: holder,
                testMode: self.testMode,
                readiness: readiness,
                logger: logger
            )
        } catch {
            logger.critical("cannot run", metadata: ["error": "\(error)"])
            throw ExitStatus.unavailable.exit
        }
        if status != 0 {
            throw ExitCode(status)
        }
    }

    /// Starts one HTTP listener (`start` binds it), or logs why it cannot listen and ends the
    /// command with 69.
    static func serve(
        _ what: String,
        key: String,
        address: MetricsListenAddress,
        logger: Logger,
        _ start: @escaping @Sendable () async throws -> HTTPListener
    ) throws -> HTTPListener {
        do {
            return try HTTPListener.startBlocking(start)
        } catch {
            logger.critical("cannot serve \(what)", metadata: [key: "\(address)", "error": "\(error)"])
            throw ExitStatus.unavailable.exit
        }
    }

    /// The named file, else the default file if it exists, else nil (built-in defaults).
    static func configurationPath(_ path: String?) -> String? {
        if let path {
            return path
        }
        return access(OptOutMilterConfiguration.defaultPath, F_OK) == 0 ? OptOutMilterConfiguration.defaultPath : nil
    }

    static func printError(_ message: String, newline: Bool = true) {
        var line = newline ? message + "\n" : message
        line.withUTF8 { bytes in
            _ = write(2, bytes.baseAddress, bytes.count)
        }
    }
}
