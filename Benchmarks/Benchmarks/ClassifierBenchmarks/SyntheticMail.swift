/// Messages generated for the benchmarks (no corpus mail is read or copied).
enum SyntheticMail {
    /// A designed HTML campaign of about `targetBytes`: headers of a campaign platform, a product
    /// grid with prices, tracked links, images and a footer, quoted-printable free (8bit UTF-8).
    static func htmlCampaign(targetBytes: Int) -> [UInt8] {
        var html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>td{font-family:Arial;}
            .btn{background:#e33;color:#fff;padding:8px}</style></head><body>
            <div style="display:none">This week only: new arrivals and member prices.</div>
            <p><a href="https://shop.example/web?id=42">View this email in your browser</a></p>
            <table width="600" cellpadding="0" cellspacing="0">

            """
        var item = 0
        while html.utf8.count < targetBytes - 1200 {
            item += 1
            html += """
                <tr><td><a href="https://click.shop.example/?qs=0f1e2d3c4b5a69788796a5b4c3d2e1f\(item)&amp;utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=weekly_picks">
                <img src="https://img.shop.example/p/\(item).jpg" width="180" height="180" alt="Product \(item)"></a></td>
                <td><h3>Hand-made product number \(item)</h3><p>Carefully made from recycled materials, in three
                colours and two sizes. Customers rate it 4.\(item % 10) out of 5 stars.</p>
                <p>Now &pound;\(10 + item % 40).99 <a class="btn" href="https://click.shop.example/?qs=\(item)">See details</a></p></td></tr>

                """
        }
        html += """
            </table>
            <p>You are receiving this email because you signed up at shop.example.
            <a href="https://shop.example/unsubscribe?u=42">Unsubscribe</a> | Shop Example Ltd, 1 High Street</p>
            <img src="https://click.shop.example/open.gif?u=42" width="1" height="1">
            </body></html>
            """
        let headers = """
            Return-Path: <bounce-42@mail.shop.example>\r
            From: Shop Example <hello@shop.example>\r
            To: reader@example.org\r
            Subject: This week's picks for you\r
            Date: Mon, 10 Mar 2025 09:00:00 +0000\r
            Message-ID: <weekly-42@shop.example>\r
            MIME-Version: 1.0\r
            X-Campaign: weekly-42\r
            List-Unsubscribe: <https://shop.example/unsubscribe?u=42>\r
            List-Unsubscribe-Post: List-Unsubscribe=One-Click\r
            Content-Type: text/html; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            \r

            """
        return Array((headers + html).utf8)
    }

    /// A short plain-text receipt.
    static func plainReceipt() -> [UInt8] {
        let message = """
            From: Shop Example <receipts@shop.example>\r
            To: reader@example.org\r
            Subject: Your receipt for order 1001\r
            Message-ID: <r-1001@shop.example>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Thank you for your order. Order number: 1001\r
            1 x Notebook   £4.99\r
            Total paid     £4.99\r
            Payment method: card ending 4242\r

            """
        return Array(message.utf8)
    }
}
