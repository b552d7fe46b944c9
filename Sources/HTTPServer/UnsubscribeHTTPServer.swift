import Dispatch
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OptOutMilter
import Unsubscribe

/// The one-click unsubscribe endpoint (RFC 8058), on `unsubscribe.listen`:
///
/// - `POST /u/TOKEN` with the body `List-Unsubscribe=One-Click` (form-encoded or multipart):
///   writes the opt-out and answers 200; again, it changes nothing and still answers 200.
/// - `GET /u/TOKEN`: a page with a button that makes that POST. A GET alone never unsubscribes:
///   link scanners and prefetchers follow GETs.
/// - A malformed, forged, altered or expired token: 400 with the same text whatever the reason,
///   and no write. Bodies over ``bodyLimit`` bytes: 413. No redirect, ever.
public enum UnsubscribeHTTPServer {
    /// The most a one-click body needs, with room for a multipart envelope.
    static let bodyLimit = 2048
    /// SQLite writes block: they run here, off the event loops and Swift's cooperative pool.
    private static let writes = DispatchQueue(label: "optout-milter.unsubscribe-writes")

    /// Binds `address` and serves the endpoint until the listener is stopped.
    public static func start(
        address: MetricsListenAddress,
        allowRemote: Bool,
        service: UnsubscribeService,
        logger: Logger
    ) async throws -> HTTPListener {
        try await HTTPListener.start(
            name: "unsubscribe",
            address: address,
            allowRemote: allowRemote,
            router: Self.router(service: service),
            logger: logger
        )
    }

    static func router(service: UnsubscribeService) -> Router<BasicRequestContext> {
        let router = Router()
        let path = "\(UnsubscribeLinks.endpointPath):token"
        router.post(RouterPath(path)) { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: Self.bodyLimit)
            let token = context.parameters.get("token") ?? ""
            guard Self.isOneClick(body: String(buffer: body)) else {
                return Self.page(.badRequest, title: "Not an unsubscribe request", text: Self.notOneClick)
            }
            let answer = await withCheckedContinuation { continuation in
                Self.writes.async { continuation.resume(returning: service.unsubscribe(token)) }
            }
            switch answer {
            case .unsubscribed:
                return Self.page(
                    .ok,
                    title: "Unsubscribed",
                    text: "You will no longer receive marketing email from us."
                )
            case .refused:
                return Self.invalidLink
            case .unavailable:
                return Self.page(
                    .serviceUnavailable,
                    title: "Please try again",
                    text: "Your request could not be recorded just now. Please try again in a few minutes."
                )
            case .notConfigured:
                return Self.notFound
            }
        }
        router.get(RouterPath(path)) { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            switch service.verify(token) {
            case .success:
                return Self.confirmation
            case .failure:
                return Self.invalidLink
            case nil:
                return Self.notFound
            }
        }
        return router
    }

    /// Every refused token gets this page, whatever the reason.
    static let invalidLink = Self.page(
        .badRequest,
        title: "Link not valid",
        text: "This unsubscribe link is not valid or has expired. Use the link in a recent message."
    )
    /// Unsubscribe was configured at start and a reload removed it.
    static let notFound = Self.page(.notFound, title: "Not found", text: "There is nothing here.")
    static let notOneClick = "An unsubscribe request must carry List-Unsubscribe=One-Click (RFC 8058)."

    /// RFC 8058 §3.1: the POST body is `List-Unsubscribe=One-Click`, form-encoded or as a field of
    /// multipart/form-data.
    static func isOneClick(body: String) -> Bool {
        let pairs = body.split(whereSeparator: { $0 == "&" || $0 == "\r" || $0 == "\n" })
        if pairs.contains(where: { $0 == "List-Unsubscribe=One-Click" }) {
            return true
        }
        return body.contains("name=\"List-Unsubscribe\"") && body.contains("One-Click")
    }

    /// The page a GET shows: one button that POSTs the one-click body back to the same URL.
    static let confirmation = Self.page(
        .ok,
        title: "Unsubscribe",
        text: "Do you want to stop receiving marketing email from us?",
        form: """
            <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">\
            <button type="submit">Unsubscribe</button></form>
            """
    )

    /// A small self-contained HTML page: no scripts, styles inline, nothing fetched from anywhere,
    /// never cached, never sending a referrer. `text` is fixed by this file, never request data.
    static func page(_ status: HTTPResponse.Status, title: String, text: String, form: String = "") -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>\(title)</title></head>
            <body style="font-family: sans-serif; max-width: 32em; margin: 3em auto; padding: 0 1em">
            <h1 style="font-size: 1.4em">\(title)</h1><p>\(text)</p>\(form)
            </body></html>

            """
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }
}
