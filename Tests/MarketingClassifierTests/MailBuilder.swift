import MailScanner

/// Raw messages written for the tests (not taken from any corpus), scanned as the milter would.
enum MailBuilder {
    /// An HTML-only message sent through an ESP: click tracking, an open pixel and one-click unsubscribe
    /// headers when `esp` is set, since transactional mail travels the same way.
    static func html(subject: String, from: String, esp: Bool = false, _ body: String) -> ScannedMessage {
        var headers = "From: \(from)\r\nTo: kunde@example.net\r\nSubject: \(subject)\r\nMIME-Version: 1.0\r\n"
        if esp {
            headers +=
                "List-Unsubscribe: <https://esp.example/u/abc>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            headers += "Feedback-ID: 123:acct:esp\r\nX-SG-EID: abcdef\r\n"
        }
        headers += "Content-Type: text/html; charset=utf-8\r\n\r\n"
        var html = "<html><body>" + body
        if esp { html += "<img src=\"https://esp.example/wf/open?upn=xyz\" width=\"1\" height=\"1\" alt=\"\">" }
        html += "</body></html>"
        return MessageScanner.scan(Array((headers + html).utf8))
    }

    static func plain(subject: String, from: String, headers: String = "", _ body: String) -> ScannedMessage {
        let raw =
            "From: \(from)\r\nTo: someone@example.net\r\nSubject: \(subject)\r\n\(headers)"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body.replacingOccurrences("\n", "\r\n")
        return MessageScanner.scan(Array(raw.utf8))
    }

    /// ESP click tracking around a destination, as SendGrid-style redirectors write it.
    static func tracked(_ url: String) -> String {
        "https://u123.ct.esp.example/ls/click?upn=\(url.utf8.count)-Xk3"
    }
}

extension String {
    /// Foundation-free replacement, enough for line endings.
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
