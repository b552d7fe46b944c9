/// The rule pack compiled into the binary (docs/RULES.md explains every kind and key).
///
/// Rules describe kinds of evidence (an ESP's campaign headers, discount language, a card-use
/// nudge), never one sender's template. Scores are tiered:
/// - decisive promotion (a discount, a card-use or referral nudge, a partner offer, a prize draw,
///   a consent request): 7.5, enough on its own even after the service group's -2.5, because one
///   promotional element makes a service message marketing (ICO; the Amex and EE cases);
/// - medium evidence (calls to action, upgrade and app nudges, campaign platforms): 2-5;
/// - channel evidence (list headers, tracking, HTML-only): small and capped, since transactional
///   mail travels through the same ESPs.
/// Groups cap each kind of evidence so that many weak hits of one kind cannot flip a verdict.
enum BuiltinRules {
    static let name = "built-in"
    static let yaml = #"""
        version: 1
        threshold: 5
        category_header: X-Message-Category
        groups:
          offer: {max: 10}
          cta: {max: 8}
          newsletter: {max: 5}
          platform: {max: 4}
          channel: {max: 1.5}
          tracking: {max: 1.5}
          service: {min: -2.5}
          discussion: {min: -2.5}
        rules:
          # --- The sender's own declaration -------------------------------------------------
          - id: declared-marketing
            description: The sender declares the message marketing in the category header.
            score: 7.5
            kind: category
            pattern: '^(marketing|promo(tion(al)?)?|newsletter|bulk|advertising|campaign|werbung)$'
          - id: declared-service
            description: The sender declares the message a service mail (evidence, never the verdict).
            score: -1
            group: service
            kind: category
            pattern: '^(service|transactional|servicing|operational|account)$'
          - id: esp-stream-broadcast
            description: Postmark broadcast stream or SparkPost non-transactional declaration at injection.
            score: 4
            group: platform
            kind: header
            name_pattern: '^X-(PM-Message-Stream|MSYS-API)$'
            pattern: 'broadcast|newsletter|marketing|"transactional"\s*:\s*false|campaign_id'
          - id: esp-marketing-tag
            description: ESP injection tags or categories naming a marketing stream (SendGrid, SES, Mailgun, Mandrill).
            score: 4
            group: platform
            kind: header
            name_pattern: '^X-(SMTPAPI|SES-MESSAGE-TAGS|SES-CONFIGURATION-SET|Mailgun-Tag|MC-Tags|Tags?|Category)$'
            pattern: 'marketing|newsletter|promo|campaign|offers?|deals?|broadcast'

          # --- Campaign platforms and bulk channel ------------------------------------------
          - id: campaign-platform-header
            description: Headers only campaign platforms add (Mailchimp, SFMC, Marketo, Klaviyo, HubSpot, Constant Contact, Adobe, Brevo, Mailjet, Acoustic, Listmonk).
            score: 2.5
            group: platform
            kind: header
            name_pattern: '^X-(MC-User|Campaign(-?ID)?|CampaignID|Mailchimp-\w+|SFMC-\w+|MarketoID|Mkt\w*|Kmail-\w+|HS-Cid|Roving-\w+|rpcampaign|Mailin-Campaign|Mailjet-Campaign|Sib-\w+|CSA-Complaints|Listmonk-\w+|EMV-\w+|ICPINFO|Newsletter\w*|Mailer-SID|Cmail\w*|Job|Emarsys-\w+|Sailthru-\w+|Iterable-\w+|Braze-\w+|Customerio-\w+|Responsys-\w+)$'
          - id: campaign-mailer
            description: Bulk-mailing or campaign software in X-Mailer / User-Agent.
            score: 2.5
            group: platform
            kind: header
            name_pattern: '^(X-Mailer|User-Agent)$'
            pattern: 'nlserver|mailchimp|campaign|phplist|listmanager|lyris|constant ?contact|sendinblue|brevo|acoustic|exacttarget|mailking|group ?mail|bulk|mass ?mail|newsletter|e-?mail marketing|list ?builder|atomic|worldmerge|mailloop|dynamicweb|emailer'
          - id: esp-delivery-header
            description: Headers of transactional ESPs (SendGrid, SES, Mailgun, Postmark, Mandrill, SparkPost); the channel, not the purpose.
            score: 0.5
            group: channel
            kind: header
            name_pattern: '^X-(SG-EID|SES-Outgoing|Mailgun-Sid|PM-Message-Id|Mandrill-User|MSFBL|MSYS-API)$'
          - id: list-unsubscribe
            description: A List-Unsubscribe header (bulk channel; discussion lists have it too).
            score: 0.5
            group: channel
            kind: structure
            feature: list-unsubscribe
          - id: list-unsubscribe-one-click
            description: RFC 8058 one-click unsubscribe, required of bulk senders by Gmail and Yahoo.
            score: 1.5
            group: channel
            kind: structure
            feature: list-unsubscribe-post
          - id: feedback-id
            description: A Feedback-ID header, added by high-volume senders for complaint loops.
            score: 0.5
            group: channel
            kind: structure
            feature: feedback-id
          - id: precedence-bulk
            description: Precedence bulk or list.
            score: 0.5
            group: channel
            kind: structure
            feature: precedence-bulk
          - id: html-only
            description: HTML with no plain-text alternative, the usual shape of designed campaigns.
            score: 1
            group: channel
            kind: structure
            feature: html-only
          - id: many-links
            description: Fifteen or more links, a product grid or a newsletter layout.
            score: 1
            group: newsletter
            kind: structure
            feature: link-count
            min: 15
          - id: many-remote-images
            description: Five or more remote images (banners, product pictures).
            score: 1
            group: newsletter
            kind: structure
            feature: remote-image-count
            min: 5
          - id: marketing-sender-address
            description: A From address whose local part names a marketing stream (news, offers, deals, sales).
            score: 1.5
            group: platform
            kind: sender
            field: from-address
            pattern: '^(e?news(letters?)?|offers?|deals?|promo(tions?)?|marketing|sales|specials|shop|store|angebote|aktionen|werbung)[-_.+@]'
          - id: service-sender-address
            description: A From address whose local part names a service stream (no-reply, receipts, security).
            score: -0.5
            group: service
            kind: sender
            field: from-address
            pattern: '^(no-?reply|do-?not-?reply|receipts?|billing|invoices?|orders?|security|accounts?|notifications?|alerts?|support|rechnung|bestellung)[-_.+@]'

          # --- Tracking and campaign links ----------------------------------------------------
          - id: tracking-pixel
            description: A remote 1x1 (or 0x0) image, the classic open-tracking pixel.
            promotes: false
            score: 1.5
            group: tracking
            kind: image
            tracking_pixel: true
            remote: true
          - id: open-tracking-endpoint
            description: An image served by a known open-tracking endpoint.
            promotes: false
            score: 1.5
            group: tracking
            kind: image
            src: '/track/open|/wf/open|/e2t/o/|/u/open|/open\.(php|aspx|gif)|/o/eJ|beacon|/pixel(\.gif)?\b|/imp\?|[?&](open|track)='
          - id: utm-email-medium
            description: Campaign-tagged links (utm_medium email or newsletter).
            promotes: false
            score: 1.5
            group: tracking
            kind: link
            parameter: '^utm_(medium|source)$'
            value: 'e-?mail|newsletter|crm|edm|mailing'
          - id: utm-offer-campaign
            description: A utm_campaign naming an offer, a sale or a season.
            score: 2.5
            group: offer
            kind: link
            parameter: '^utm_campaign$'
            value: 'sale|promo|offer|deal|discount|coupon|black.?friday|cyber|xmas|christmas|holiday|spring|summer|autumn|fall|winter|launch|newsletter|upsell|cross.?sell|winback|reactivat|loyalty|reward'
          - id: click-tracking
            description: Links rewritten through ESP click trackers.
            promotes: false
            score: 1
            group: tracking
            kind: link
            url: 'list-manage\.com/track|/ls/click\?|/track/click|links\.iterable\.com|awstrack\.me|/e2t/c/|/e3t/|mailchi\.mp|rs6\.net|/wf/click|/c/eJ|click\.[\w-]+\.\w+/\?qs=|[?&]qs=[0-9a-f]{20}|/redirect\.(php|aspx)\?|/clicks?/|/ct\.(php|asp)'

          # --- Newsletter and commercial-mail conventions -------------------------------------
          - id: view-in-browser
            description: A web-version link, typical of designed newsletters and campaigns.
            promotes: false
            score: 2
            group: newsletter
            kind: text
            scope: all
            pattern: '\b(view|read|see|open) (this|it|the)( e-?mail| message| newsletter)? (in|on|with) (your|a) (web )?browser|\b(web|online) version\b|\bhaving (trouble|problems) (viewing|reading|seeing)|\b(e-?mail|newsletter) (is not|isn.t) display(ing|ed) (correctly|properly)|\bim Browser (an(zu)?zeigen|ansehen|öffnen)|\bWeb-?version|\bOnline-Version|\bDarstellungsprobleme'
          - id: commercial-opt-out-notice
            description: Opt-out wording of commercial mail (removal instructions, you receive this because you subscribed or are a customer).
            promotes: false
            score: 3
            group: newsletter
            kind: text
            scope: all
            pattern: '\b(to be|be) removed from (our|this|the|all|future)|\bremove (me|yourself|your (e-?mail|address|name))|\bremoval (instructions|request|link)|\b(reply|respond|send (an e-?mail|a message)) with .{0,20}\bremove\b|\bno longer wish to receive (our|these|this|future|further|e-?mails?)|\b(you are|you.re) receiving this (e-?mail|message|newsletter|mailing) because|\byou (have )?(signed up|subscribed|opted[- ]in|registered) (for|to) (our|the|receive)|\bsent in compliance with|\b(leave|be taken off|get off|be deleted from) (this|our|the) (list|mailing|database)|\bone[- ]time (message|mailing|e-?mail|offer)\b|\ballow .{0,20}\b(hours|days) for (your )?(removal|unsubscrib\w*|opt-?out)|\b(not interested in|no longer (want|wish) to receive) (future|further|our|these|more) (offers|mailings|e-?mails|messages|promotions)\b|\b(would not|wouldn.t|do not|don.t) (like|want|wish) to (get|receive) (any )?(more|further|future|our) (\w+ )?(offers|e-?mails|mailings|messages|promotions|newsletters)\b|\byou will not (be (e-?mailed|contacted)|receive (any )?(further|more|another)) |\b(click|tap) here to (unsubscribe|opt[- ]out|be removed)|\bopt[- ]out\b|\bNewsletter (abbestellen|abmelden)|\bvom Newsletter abmelden|\bkeine (weiteren )?(E-?Mails|Newsletter) mehr (erhalten|empfangen)'
          - id: unsubscribe-wording
            description: Unsubscribe wording; weak, since discussion lists carry it too.
            promotes: false
            score: 0.5
            group: newsletter
            kind: text
            scope: all
            pattern: '\bunsubscribe\b|\babmelden\b|\babbestellen\b'
          - id: newsletter-self-reference
            description: The message calls itself a newsletter, a digest of offers or an issue.
            promotes: false
            score: 1.5
            group: newsletter
            kind: text
            scope: all
            pattern: '\bnewsletters?\b|\bthis (week|month).s (deals|offers|picks|specials|issue)\b|\bin this issue\b|\bissue (no\.? ?|#)\d+|\bvol(ume|\.)? ?\d+,? (issue|number|no\.?) ?\d+|\bAusgabe \d+'
          - id: newsletter-subject
            description: A subject that names a newsletter, a digest of offers or an issue (newsletters are direct marketing).
            score: 3.5
            kind: subject
            pattern: '\bnewsletter\b|\bissue\s*#?\d+|\bvol(\.|ume)\s*\d+|\b(weekly|monthly) (deals|offers|update|digest)|\bNewsletter\b'

          # --- Offers, prices, discounts (English and German) ---------------------------------
          - id: percent-off
            description: A percentage discount (20% off, save 30%, 15 % Rabatt).
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\b\d{1,2}(\.\d+)?\s?%\s?(off|discount|savings?|rabatt|reduziert|günstiger|sparen|nachlass)\b|\b(save|saving|sparen Sie|spare|spar)\s+(up to |over |bis zu |an extra |extra )?\d{1,2}\s?%|\b(up to|bis zu) -?\d{1,2}\s?% (off|rabatt|reduziert)|-\d{1,2}\s?% (auf|on|sur|en|op|su) |\b\d{1,2}\s?%\s?(de (réduction|remise|descuento)|korting|di sconto|sconto|en (remise|descuento))\b|\b(jusqu.à|hasta (un )?|tot |fino al )-?\d{1,2}\s?%|(économisez|\bahorra|\bbespaar|\brisparmia) (\w+ )?\d{1,2}\s?%'
          - id: discount-code
            description: A discount, promo, coupon or voucher code, or an instruction to use one.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\b(discount|promo(tional)?|coupon|voucher|offer|gift|sale|referral)\s*codes?\b|\b(use|enter|apply|redeem) (the )?code\s*:?\s*[A-Z0-9]{4,}\b|\bcoupons?\b|\b(Gutschein|Rabatt|Aktions|Vorteils)-?codes?\b|\bGutscheins?\b|\bmit dem Code\b|\bcodes? (promo|de réduction|de remise|avantage)\b|\bc[oó]digos? (promocional|de descuento|descuento)\b|\bcup[oó]n(es)? de descuento\b|\bkortingscodes?\b|\bkortingsbon\b|\bcodice (sconto|promozionale|promo)\b|\bbuono sconto\b'
          # `\bmoitié prix` also finds "à moitié prix"; a branch that starts with `à` could not be
          # matched only where a word starts (TextPrefilter), and the whole rule would scan every text.
          - id: price-cut
            description: Half price, buy-one-get-one, price drops and reductions.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\bhalf[- ]price\b|\bbuy one,? get one\b|\bprice (drop|cut|reduction)s?\b|\b(prices?|everything) (slashed|reduced|cut)\b|\bzum halben Preis\b|\bhalber Preis\b|\bPreissenkung\b|\bPreise? (gesenkt|reduziert)\b|\bprix (cassés|barrés|réduits)\b|\bmoitié prix\b|\bsoldes\b|\brebajas\b|\bprecios? rebajados?\b|\bmitad de precio\b|\buitverkoop\b|\bhalve prijs\b|\bsaldi\b|\bprezzi? (ribassati|scontati)\b|\bmetà prezzo\b'
          - id: free-shipping-gift
            description: Free shipping, a free gift or a free month as an incentive.
            score: 3
            group: offer
            kind: text
            scope: all
            pattern: '\bfree (shipping|delivery|postage|returns|gifts?|bonus|samples?|trial|months?|upgrade|membership|access|advice|legal advice|quotes?|consultation|estimate|evaluation|report|catalog(ue)?|e-?book|info(rmation)?|vacation|cruise|minutes|cd|dvd)\b|(?-i:\bFREE\b)(?<!: FREE)(?<!:FREE)(?![ \t]*(\n|$))|\b(get|give|enjoy|receive)( a| one| your)? (month|months|year) (free|on us)\b|\bkostenlose?r? (Versand|Lieferung|Probe|Testmonat|Monat)\b|\bversandkostenfrei\b|\bgeschenkt\b|\b(livraison|frais de port) (gratuite?s?|offerte?s?)\b|\benv[ií]o gratis\b|\benv[ií]o gratuito\b|\bgratis (verzending|bezorging|verzonden)\b|\bspedizione gratuita\b|\bspese di spedizione gratuite\b|\bcadeau offert\b|\bregalo gratis\b|\bomaggio\b'
          - id: limited-time
            description: Urgency around an offer (limited time, ends soon, last chance, only N days left).
            score: 3
            group: offer
            kind: text
            scope: all
            pattern: '\blimited[- ]time\b|\bfor a limited (time|period)\b|\b(offer|sale|deal|promotion|discount)s? (ends?|expires?|valid (until|through|till))\b|\blast chance\b|\b(only|just) \d+ (days?|hours?) (left|to go|remaining)\b|\b(ends|expires) (today|tonight|at midnight|soon|sunday|this weekend)\b|\bwhile (stocks|supplies) last\b|\bact (now|fast|today)\b|\bdon.t (miss (out|this)|wait)\b|\bnur (für )?kurze Zeit\b|\bnur noch \d+ Tage\b|\bletzte Chance\b|\bsolange der Vorrat reicht\b|\bAngebot gilt\b'
          - id: offer-language
            description: Special, exclusive, seasonal or partner offers, deals and sales.
            score: 4
            group: offer
            max_hits: 2
            kind: text
            scope: all
            pattern: '\b(special|exclusive|limited|seasonal|spring|summer|autumn|fall|winter|holiday|christmas|easter|black friday|cyber monday|flash|member|vip|introductory|partner|bonus|welcome|anniversary|early[- ]bird)\s+(offers?|deals?|sales?|discounts?|savings?|promotions?|pricing|rates?|prices?)\b|\boffers? from (our|selected|trusted) partners\b|\b(our|selected|trusted) partners?.{0,20}\b(offers?|deals?|discounts?)\b|\b(great|amazing|incredible|unbeatable|best|hot|top|huge|big) (deals?|offers?|savings?|prices?|bargains?)\b|\b(low|lowest|great|special|introductory|unbeatable) (interest )?(rates?|APR)\b|\bSonderangebot|\b(exklusives?|besonderes?|Sommer|Winter|Oster|Weihnachts|Partner)[- ]?(Angebot|Aktion|Rabatt)e?\b|\bSchnäppchen\b|\bSale\b'
          - id: commercial-promise
            description: Direct-response selling phrases (risk-free, money-back guarantee, no obligation, best price, order today).
            score: 2.5
            group: offer
            max_hits: 2
            kind: text
            scope: all
            pattern: '\brisk[- ]free\b|\bmoney[- ]back\b|\bno obligation\b|\b100% (free|guaranteed|satisfaction)\b|\b(lowest|best|wholesale|discount(ed)?|special) prices?\b|\b(order|buy|call|subscribe|sign ?-?up|shop|join|apply|register) (now|today|online)\b|\bget (it|yours|one|started) (now|today)\b|\bguaranteed\b|\bsatisfaction guaranteed\b|\bincredible (value|savings)\b|\bGeld[- ]zurück[- ]Garantie\b|\bunverbindlich\b|\bjetzt (kaufen|bestellen|zugreifen|sichern)\b'
          - id: price-mention
            description: "Prices in a currency (weak alone: receipts carry prices too)."
            promotes: false
            score: 0.5
            group: offer
            max_hits: 3
            kind: text
            scope: visible
            pattern: '(\$|£|€|\bUSD|\bEUR|\bGBP)\s?\d[\d,.]*|\d[\d.,]*\s?(€|EUR\b)'
          - id: price-qualifier
            description: A price sold with 'only', 'just', 'from' or 'as low as'.
            score: 3
            group: offer
            kind: text
            scope: all
            pattern: '\b(only|just|from|now|starting at|as low as|for less than|under|für nur|nur|ab)\s*(\$|£|€|USD|EUR|GBP)\s?\d|\b(only|just|nur) \d+([.,]\d\d)?\s?(€|(EUR|dollars?|pounds?|euros?)\b)'
          - id: cause-promotion
            description: Promotes an organisation's aims (donate, become a member, support our work, take action).
            score: 3
            max_hits: 2
            group: offer
            kind: text
            scope: all
            pattern: '\b(donate|make (a|an) (\w+ )?(donation|gift))\b|\b(become|sign up as) a (member|supporter|sponsor)\b|\bmembership information\b|\burge your (representative|senator|MP|MEP|congressman)\b|\bsupport (our|us|the) (work|cause|campaign|mission)\b|\btake action (now|today)\b|\bsign (our|the) petition\b|\bjetzt spenden\b|\bMitglied werden\b|\bunterstützen Sie (uns|unsere Arbeit)\b|\b(faites|faire) un don\b|\bsoutenez (notre|nos|nous)\b|\bhaz (un|una) (donativo|donación)\b|\bdona (ahora|hoy)\b|\bdoneer (nu|vandaag)\b|\bsteun (ons|onze)\b|\bfai una donazione\b|\bdona ora\b|\bsostieni(ci)? \b'
          - id: ad-network-link
            description: Links through ad servers or affiliate redirectors.
            promotes: false
            score: 1.5
            group: tracking
            kind: link
            url: '\bad(click|server|s|vert\w*)?\.[\w.-]+/|\bclick(thru|through)?\.(cfm|asp|php)|/(aff|affiliate|partner)s?[/?=]|[?&](aff(iliate)?_?id|affid|refid|partnerid|campaignid|promo(code)?)='
          - id: forward-to-friend
            description: Asks the reader to pass the mailing on (viral marketing).
            promotes: false
            score: 2
            group: newsletter
            kind: text
            scope: all
            pattern: '\b(forward|send|pass) (this|it) (e-?mail |message |newsletter )?(on )?to (a|your) (friends?|colleagues?)\b|\btell a friend\b|\ban einen Freund (weiterleiten|senden)\b'
          - id: sponsor-block
            description: Sponsor messages and advertisements injected into a mailing or list post.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\b(this|the) (e-?mail|message|newsletter|list|mailing|issue|post|digest) is (brought to you|sponsored|supported) by\b|\bsponsored by(?<=(?m:^)sponsored by)|\b(groups|list|our) sponsors?\b|\bsponsor(ed)? (message|link|content|ad)s?\b|\bpaid (advertisement|promotion)\b|\bAnzeige\b|\bgesponsert\b|\bpräsentiert von\b'
          - id: webmail-tagline-ad
            description: Advertising taglines free-mail and messaging providers append to messages.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\bDo you Yahoo!?\?|\bget (your )?(own )?free (e-?mail|web-?based e-?mail|web ?mail|mailbox|e-?mail account) (account )?(at|from|with)\b|\bget (your )?free (Hotmail|MSN|Yahoo|Gmail)\b|\bJoin the world.s largest e-?mail service\b|\bMSN (Messenger|Hotmail|8|Explorer)\b|\bHotmail on your mobile\b|\bYahoo! (Mail|Messenger|Groups|Health|Finance|Autos|News|Shopping|Tax|Travel|Sports)\b.{0,80}\b(free|get|try|now|new|better|plus|your)\b'
          - id: money-making-offer
            description: Business-opportunity selling (earn money, extra income, work from home).
            score: 3
            group: offer
            kind: text
            scope: all
            pattern: '\b(earn|make) (up to |an extra |over )?(\$|£|€)\s?\d|\bmake money\b|\b(extra|residual|passive) income\b|\bwork (from|at) home\b|\bfrom the comfort of your (own )?home\b|\bfinancial freedom\b|\bbe your own boss\b|\bnebenverdienst\b|\bvon zu Hause (aus )?(arbeiten|verdienen)\b'
          - id: promotion-language-cjk
            description: Chinese and Japanese discount, free-offer and special-price wording.
            score: 4
            group: offer
            kind: text
            scope: all
            pattern: '優惠|优惠|免費|免费|特價|特价|折扣|促銷|促销|限時|限时|訂購|订购|熱賣|热卖|割引|無料|セール|キャンペーン'
          - id: product-launch
            description: Announcing new products, features, collections or arrivals.
            score: 3
            group: offer
            kind: text
            scope: all
            pattern: '\bintroducing\b|\bmeet the (new|all-new)\b|\bnow available (in|on|at) (stores?|our (store|shop|website))\b|\bjust (launched|landed|arrived|released)\b|\bnew arrivals?\b|\b(new|latest) (collection|products?|range|features?|releases?|models?)\b(?! &| and \w+ (division|department|group))|\bpre-?order\b|\bcoming soon\b|\bJetzt neu\b|\bneu (eingetroffen|im Sortiment)\b|\bNeuheiten\b|\bneue Kollektion\b|\bnouveautés\b|\bnouvelle collection\b|\bnovedades\b|\bnueva colección\b|\bnieuwe collectie\b|\bnuova collezione\b|\bnovità'

          # --- Calls to action, loyalty, upgrade, app, referral, events -----------------------
          - id: card-use-nudge
            description: Encourages using a payment card or account more, or earning points, miles or cashback (the Amex case).
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\bearn (up to )?(\d+x?|double|triple|bonus|extra) (points|miles|rewards?|cash ?back)\b|\b(double|triple|bonus|extra) (points|miles|rewards)\b|\bcash ?back\b|\b(use|using|pay with|shop with|tap|spend with)(?<!someone using)(?<!somebody using)(?<!was using) (your|the) ([\w-]+ ){0,2}(card|account)( to| and| for| when| at| on)\b|\b(get|make) (the )?most (out )?of your ([\w-]+ ){0,2}card\b|\b(rewards?|points|miles) (programme|program|balance) .{0,40}\b(earn|redeem|boost)\b|\bPunkte (sammeln|sichern)\b|\bBonuspunkte\b|\bMeilen sammeln\b|\bmit (Ihrer|deiner) Karte (bezahlen|zahlen|einkaufen)\b|\bcumulez (des|vos) points\b|\bpoints de fidélité|\bacumula (más )?puntos\b|\bpuntos de fidelidad\b|\bspaar (extra )?punten\b|\bspaarpunten\b|\baccumula (i )?punti\b|\bpunti fedeltà'
          - id: points-multiplier
            description: A points or miles multiplier (3x points), the reward of using a card or account more.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\b\d+x (points|miles|rewards|punkte|meilen)\b'
          # `\bchangez` also finds "échangez": `\b` is ASCII, so one falls between `é` and `c`. A branch
          # that starts with `é` would make the whole rule scan every text instead of a few word offsets.
          - id: loyalty-redeem
            description: Loyalty points, miles or credit waiting to be redeemed or spent (a reward nudge inside a service mail).
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\bredeem (your |them |those |these )?([\d,.]+ )?(points|miles|rewards?|credits?|bonus)\b|\b(you have|you.ve (got|earned|collected)|you now have) [\d,.]+ (\w+ )?(points|miles|stars)\b|\b(points|miles|rewards?) (are )?(waiting|ready) (for you|to (be )?(spend|redeem|use)\w*)|\bPunkte (einlösen|warten)\b|\bIhre? [\d.]+ (Bonus)?punkte\b|\b(changez|utilisez|convertissez) vos (points|miles)\b|\bvous avez [\d\s.]+ points\b|\bcanjea (tus|sus) (puntos|millas)\b|\btienes [\d.]+ puntos\b|\b(wissel|verzilver) (je|uw) (punten|spaarpunten) in\b|\bje hebt [\d.]+ punten\b|\b(riscatta|usa|converti) i tuoi punti\b|\bhai [\d.]+ punti\b'
          - id: cross-sell
            description: Product recommendations and repeat-purchase rows (buy it again, you might also like) appended to an order or shipping mail.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\bbuy (it |them )?again\b|\byou (might|may|will|could) also (like|love|enjoy)\b|\brecommendations (for|based on)\b|\b(customers|people|shoppers) who (bought|viewed|purchased)\b|\brecommended for you\b|\b(picked|chosen|selected) (just )?for you\b|\bcomplete the look\b|\bfrequently bought together\b|\b(inspired|based) (by|on) your (recent )?(browsing|purchases?|orders?|shopping)\b|\berneut kaufen\b|\b(das|dies) könnte (Ihnen|dir) auch gefallen\b|\bKunden, die .{0,30}\b(kauften|gekauft)\b|\bEmpfehlungen für (Sie|dich)\b|\b(vous|tu) (aimerez|pourriez|pourrais) aussi( aimer)?\b|\bacheter à nouveau\b|\brecommandés? pour (vous|toi)\b|\bles clients (ont )?(également|aussi) acheté|\bvolver a comprar\b|\btambién te (puede|podría) (gustar|interesar)\b|\brecomendados? para ti\b|\blos clientes también compraron\b|\bopnieuw (kopen|bestellen)\b|\bmisschien (vind je|vindt u) (dit|deze) ook\b|\baanbevolen voor (jou|u)\b|\banderen kochten ook\b|\bacquista di nuovo\b|\bti (potrebbe|potrebbero) (piacere|interessare) anche\b|\bconsigliati per te\b|\bchi ha acquistato .{0,30}\bha (anche )?acquistato\b'
          - id: paid-add-on
            description: A paid add-on, extra or upgrade sold with its price (often in a P.S. under a service notice).
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\b(add|protect|upgrade|extend|boost|get)\b.{0,60}\b(for (just|only)|from (just|only)|only|just) (\$|£|€)\s?\d|\b(add|protect|upgrade|extend|boost|get)\b.{0,60}\b(for (just|only)|only|just) \d+([.,]\d\d)?\s?(€|\$|£|EUR|USD|GBP)( ?(/|a|per) ?(month|mo|year|Monat|mois|mes|maand|mese))?|\b(für|pour|por|voor|per) (nur|seulement|solo|sólo|slechts|soli) \d+([.,]\d\d)?\s?(€|EUR)'
          - id: survey-prize
            description: A survey or feedback request that offers a prize, voucher or draw for answering.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\b(survey|feedback|questionnaire|review)\b.{0,80}\b(chance to win|win an?|prize|gift card|voucher|draw)\b|\b(Umfrage|Feedback)\b.{0,80}\b(gewinnen|Gutschein|Verlosung)\b|\b(enquête|questionnaire|avis)\b.{0,80}\b(gagner|bon d.achat|tirage)\b|\b(encuesta|opinión)\b.{0,80}\b(ganar|sorteo|tarjeta regalo)\b|\b(enquête|vragenlijst)\b.{0,80}\b(winnen|kans op|cadeaubon)\b|\b(sondaggio|questionario)\b.{0,80}\b(vincere|buono|estrazione)\b'
          - id: usage-nudge
            description: Encourages using an account or subscription more (get the most out of it); weak alone, as activation mail says it too.
            score: 2.5
            group: cta
            kind: text
            scope: all
            pattern: '\b(get|make) (the )?most (out )?of (your|the) ([\w-]+ ){0,2}(account|membership|subscription|plan)\b|\b(holen Sie|hol dir) das (Beste|Meiste) aus\b|\bprofitez (au maximum|pleinement) de\b|\bsaca el máximo (partido|provecho)\b|\bhaal (alles|het maximale|meer) uit\b|\bsfrutta al massimo\b'
          - id: referral-nudge
            description: Refer-a-friend and invite-to-earn programmes.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\brefer (a|your|more) (friends?|colleagues?)\b|\b(refer|invite) .{0,30}\band (get|earn|receive|you.ll both)\b|\bgive (a|one|\d+) (months?|weeks?)[,.]? get\b|\breferral (bonus|credit|reward|program|programme|link)\b|\bFreunde werben\b|\bFreund(e|in)? (einladen|empfehlen) und\b|\bparrain(ez|age)\b|\binvitez (un|vos|des) ami|\b(invita|recomienda) a (un amigo|tus amigos)\b|\bprograma de (referidos|recomendación)\b|\b(nodig|breng) (een vriend|je vrienden|vrienden) (uit|aan)\b|\bvrienden uitnodigen\b|\b(invita|presenta) (un amico|i tuoi amici|un'' amica)\b'
          - id: prize-draw
            description: Prize draws, competitions and sweepstakes.
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\bprize draw\b|\bsweepstakes?\b|\b(a|your) chance to win\b|\benter (our|the) (competition|contest|draw|giveaway)\b|\bgiveaway\b|\bwin (free |a pair of )?(tickets|prizes?|cash|a trip|a holiday|an? (ipod|iphone|ipad|car|trip|holiday|voucher|gift card|prize))\b|\bGewinnspiel\b|\bgewinnen Sie\b|\bzu gewinnen\b|\bjeu[- ]concours\b|\btentez de gagner\b|\btirage au sort\b|\bsorteo\b|\bparticipa y gana\b|\bmaak (kans|een kans) op\b|\bwin (een|een van de)\b|\bprijsvraag\b|\bconcorso a premi\b|\bpartecipa (e vinci|al concorso)\b|\bestrazione\b'
          - id: consent-request
            description: Asks the reader to opt in, keep hearing from the sender, or update marketing preferences (Flybe, Honda, Morrisons).
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\b(update|review|check|confirm) your (marketing|communication|contact|e-?mail|mailing) (preferences|choices|permissions|settings)\b|\b(would you like|do you want) to (keep )?(hear(ing)?|receiv(e|ing)|stay(ing)?) .{0,30}\b(from us|our (offers|news|updates|newsletters?)|in touch)\b|\b(stay|keep) in touch\b|\bopt (back )?in\b|\b(say|click) yes to\b|\bdon.t lose touch\b|\bmarketing (consent|preferences)\b|\bWerbeeinwilligung\b|\b(bleiben Sie|bleib) (in Kontakt|auf dem Laufenden)\b|\bEinwilligung .{0,30}(Werbung|Newsletter)\b|\b(restez|rester) en contact\b|\bpréférences (marketing|de communication)\b|\bsigue en contacto\b|\bpreferencias de (marketing|comunicación)\b|\bblijf op de hoogte\b|\bmarketingvoorkeuren\b|\bresta in contatto\b|\bpreferenze di marketing\b'
          - id: upgrade-nudge
            description: Upsell and upgrade calls (upgrade to Pro, go premium, switch to annual and save).
            score: 4
            group: cta
            kind: text
            scope: all
            pattern: '\bupgrade (now|today|to (a |an |the |our )?(pro|premium|plus|business|unlimited|annual|yearly|family|gold|platinum|\w+ (plan|tier|edition))|your (plan|account|subscription|membership|card|tier))\b|\bgo (pro|premium|plus|unlimited)\b|\bswitch to (annual|yearly)( billing)?\b|\b(try|get|unlock) (\w+ )?(pro|premium|plus)\b|\bunlock (more|premium|all|extra)\b|\b(add|add-?ons?|extras) .{0,20}\b(from only|for just|starting at)\b|\bjetzt upgraden\b|\bauf (Pro|Premium|Plus) (upgraden|wechseln)\b|\bjährliche Zahlung\b|\bpassez (à|au) (l.offre |la formule )?(premium|pro|plus|supérieur)\b|\b(pásate|cámbiate|actualiza) a (premium|pro|plus)\b|\bmejora tu plan\b|\bupgrade naar\b|\bstap over (op|naar) (premium|pro|plus)\b|\bpassa (a|al) (premium|pro|plus|piano)\b'
          - id: app-promotion
            description: Promotes installing or using an app (the EE case).
            score: 7.5
            group: offer
            kind: text
            scope: all
            pattern: '\buse (the|our) ([\w-]+ ){0,3}app to (shop|order|buy|get|earn|save|receive|track|manage)\b|\b(download|get|install|try) (the|our) (?![\w -]{0,30}authenticat)(new |free |mobile )?([\w-]+ ){0,2}apps?\b|\bget it on google play\b|\bdownload on the app store\b|\b(now available|available) (on|in) the (app store|google play)\b|\bnew:? [\w-]+ (for|on) (iphone|ipad|android|mac|windows)\b|\b(App|Anwendung) (herunterladen|installieren)\b|\bunsere (neue )?App\b|\btéléchargez (notre|l.)(application|appli)\b|\bnotre (nouvelle )?(application|appli)\b|\bdescarga (nuestra|la) app\b|\bnuestra (nueva )?app\b|\bdownload (onze|de) (nieuwe )?app\b|\bonze (nieuwe )?app\b|\bscarica (la nostra|l.)app\b|\bla nostra (nuova )?app\b'
          - id: app-store-link
            description: Links to an app store listing.
            score: 3
            group: cta
            kind: link
            host: '^(apps\.apple\.com|itunes\.apple\.com|play\.google\.com|app\.adjust\.com|\w+\.onelink\.me)$'
          - id: event-promotion
            description: Promotes an event, webinar or launch (register, save the date, book tickets).
            score: 4
            group: cta
            kind: text
            scope: all
            pattern: '\bsave the date\b|\b(register|sign up|book) (now|today|your (seat|place|spot|ticket))\b|\b(reserve|save|claim) your (seat|spot|place)\b|\bjoin us (at|for|on|in)\b|\bearly[- ]bird\b|\btickets? (are )?(on sale|now available|available now)\b|\b(free|live) webinar\b|\bjetzt anmelden\b|\bTickets sichern\b|\bPlatz sichern\b|\bréservez (votre|vos) (place|billets)\b|\binscrivez-vous (dès maintenant|maintenant|au webinaire)\b|\breserva tu (plaza|entrada|sitio)\b|\binscr[ií]bete (ya|ahora|al webinar)\b|\breserveer (je|uw) (plek|plaats|tickets)\b|\bschrijf je (nu )?in voor\b|\bprenota il tuo posto\b|\biscriviti (ora|subito|al webinar)\b'
          - id: shopping-cta-link
            description: A link or button whose text invites buying, claiming or exploring offers.
            score: 3
            group: cta
            kind: link
            text: '^\W*((shop|buy|order|book)(\s+(now|today|here|online|again|more|all|it|them|yours|the \w+( \w+)?|this \w+|our \w+))?(?=\W*$)|claim|redeem|grab|get (the|this|your|it|offer|deal)|start saving|save now|see (the |all |our )?(offers?|deals?|collection|sale|products)|discover|explore (the|our|now)|view (offers?|deals?|products|the collection)|learn more about (our|the) (offer|plans?)|upgrade|go pro|try (it )?free|jetzt (kaufen|bestellen|shoppen|entdecken|sichern|buchen|upgraden)|zum (Angebot|Shop)|Angebot (ansehen|sichern))\b'
          - id: click-here-cta
            description: Generic 'click here to' calls to action of direct-response mail.
            score: 2.5
            group: cta
            kind: text
            scope: visible
            pattern: '\bclick (here|below|the link|on the link)( now)?\b|\bhier klicken\b|\bklicken Sie hier\b'
          - id: promotional-subject
            description: A subject with offer, discount or urgency language.
            score: 2
            group: cta
            kind: subject
            pattern: '\d\s?%|\bfree\b|\bsale\b|\bsave\b|\bdeals?\b|\boffers?\b|\bdiscount|\bexclusive\b|\blimited\b|\bwin\b|\$\d|£\d|€\s?\d|\d\s?€|!!|\bgratis\b|\bRabatt\b|\bAngebot|\bsparen\b|\bkostenlos\b'

          # --- Service (transactional) evidence -------------------------------------------------
          - id: password-or-code
            description: Password reset, verification or one-time codes.
            score: -2
            group: service
            kind: text
            scope: visible
            pattern: '\b(reset|change|recover) your password\b|\bpassword (reset|recovery|change)\b|\b(verification|confirmation|security|one-time|login|sign-in) code\b|\bone-time pass(word|code)\b|\bPasswort (zurücksetzen|ändern|vergessen)\b|\b(Bestätigungs|Sicherheits|Verifizierungs|Anmelde)code\b'
          - id: receipt-or-invoice
            description: Receipts, invoices, payment and billing details.
            score: -1.5
            group: service
            kind: text
            scope: visible
            pattern: '\b(receipt|invoice) (for|number|no\.?|#|date)\b|\border (number|no\.?|#|confirmation|summary|details)\b|\bpayment (received|confirmation|failed|declined|method|due)\b|\b(amount|balance|total) (due|paid|charged)\b|\bbilling (period|statement|address|details)\b|\b(Rechnungs|Bestell|Kunden)nummer\b|\bRechnung (vom|Nr)\b|\bZahlungs(bestätigung|eingang)\b|\bBestellbestätigung\b'
          - id: shipping-notice
            description: Shipping and delivery status.
            score: -1.5
            group: service
            kind: text
            scope: visible
            pattern: '\btracking (number|code|id)\b|\b(has|have) (been )?(shipped|dispatched|delivered)\b|\bout for delivery\b|\bestimated (delivery|arrival)\b|\bdelivery (date|window|status)\b|\b(Sendungs|Paket)nummer\b|\b(wurde|wurden) (versandt|verschickt|zugestellt)\b|\bvoraussichtliche Zustellung\b'
          - id: account-notice
            description: Account, security and administrative notices.
            score: -1
            group: service
            kind: text
            scope: visible
            pattern: '\b(new|unrecognised|unrecognized|suspicious) (sign-?in|login|device)\b|\bsecurity (alert|notice)\b|\bverify your (e-?mail|address|account|identity)\b|\bconfirm your (e-?mail|address|account|registration|subscription)\b|\b(changes|updates?) to (our|the) (terms|privacy policy)\b|\byour (account|subscription|trial|membership) (has|was|will|is) (been )?(created|updated|suspended|cancell?ed|renewed|expir)|\bIhr Konto\b|\bSicherheitshinweis\b|\bE-?Mail-Adresse bestätigen\b'
          - id: service-subject
            description: A subject naming a transaction or account event.
            score: -1
            group: service
            kind: subject
            pattern: '\b(receipt|invoice|order|password|reset|verify|verification|confirm(ation)?|security|shipped|shipping|delivery|statement|payment|booking|reservation|Rechnung|Bestellung|Passwort|Lieferung|Zahlung)\b'

          # --- Conversation (personal and discussion-list mail) --------------------------------
          - id: fake-reply
            description: A reply subject (Re:) with no In-Reply-To or References, a bulk-mail trick.
            score: 1.5
            kind: structure
            feature: fake-reply
          - id: reply-in-thread
            description: "In-Reply-To or References: part of a conversation, not a campaign."
            score: -2
            group: discussion
            kind: structure
            feature: reply
          - id: reply-subject
            description: A reply or forward subject prefix (weak alone; bulk senders fake it).
            score: -0.5
            group: discussion
            kind: subject
            pattern: '^\s*(re|aw|fwd?|wg|sv|antw)\s*(\[\d+\])?\s*:'
          - id: discussion-list
            description: A discussion list (List-Post), where members write to each other.
            score: -1.5
            group: discussion
            kind: header
            name: List-Post
            pattern: '^\s*<?(mailto|https?):'
          - id: quoted-text
            description: "Quoted lines ('> '), i.e. someone replying to someone."
            score: -1.5
            group: discussion
            kind: text
            scope: visible
            pattern: '(?m)^ ?>[^>\n]*\n ?>'
          - id: reply-attribution
            description: An attribution line ('... wrote:') introducing a quoted reply.
            score: -1.5
            group: discussion
            kind: text
            scope: visible
            pattern: '\b(wrote|schrieb)\s*:\s*(?m:$)'
        """#
}
