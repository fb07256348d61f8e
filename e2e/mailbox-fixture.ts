import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A hand-written mbox whose every message the tests know: a thread, hostile HTML, an attachment, filler. */
export function writeE2eMbox(pixelBase: string, fillerCount = 120): string {
  const msgs: string[] = [];
  const date = (d: number) => new Date(Date.UTC(2026, 9, d, 9, 30)).toUTCString().replace('GMT', '+0000');
  msgs.push(`From dana@fbi.example Thu Oct  1 09:30:00 2026
Message-ID: <budget-1@fbi.example>
From: Dana Scully <dana@fbi.example>
To: Me <me@example.test>
Subject: Quarterly budget review
Date: ${date(1)}
Content-Type: text/plain; charset=utf-8

Can we go over the quarterly budget review on Friday? The zanzibar line item looks odd.
`);
  msgs.push(`From me@example.test Thu Oct  2 09:30:00 2026
Message-ID: <budget-2@example.test>
In-Reply-To: <budget-1@fbi.example>
References: <budget-1@fbi.example>
From: Me <me@example.test>
To: Dana Scully <dana@fbi.example>
Subject: Re: Quarterly budget review
Date: ${date(2)}
Content-Type: text/plain; charset=utf-8

Friday works. I will bring the numbers.

> Can we go over the quarterly budget review on Friday?
`);
  msgs.push(`From dana@fbi.example Thu Oct  3 09:30:00 2026
Message-ID: <budget-3@fbi.example>
In-Reply-To: <budget-2@example.test>
References: <budget-1@fbi.example> <budget-2@example.test>
From: Dana Scully <dana@fbi.example>
To: Me <me@example.test>
Subject: Re: Re: Quarterly budget review
Date: ${date(3)}
Content-Type: text/plain; charset=utf-8

Great, see you then.
`);
  msgs.push(`From news@newsletter.example Thu Oct  4 09:30:00 2026
Message-ID: <news-1@newsletter.example>
From: Weekly Newsletter <news@newsletter.example>
To: me@example.test
Subject: Your weekly digest
Date: ${date(4)}
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Your weekly digest. Plain version.
--b1
Content-Type: text/html; charset=utf-8

<html><head><style>body { background: url(${pixelBase}/css-bg.gif); }</style>
<meta http-equiv="refresh" content="0; url=${pixelBase}/refresh"></head>
<body><h1>Weekly digest</h1><p>Top stories this week.</p>
<img src="${pixelBase}/pixel.gif" alt="tracker" width="1" height="1">
<script>fetch('${pixelBase}/script-ran')</script>
<a href="javascript:alert(1)">click</a>
<img src="x" onerror="fetch('${pixelBase}/onerror-ran')">
</body></html>
--b1--
`);
  msgs.push(`From carol@example.test Thu Oct  5 09:30:00 2026
Message-ID: <attach-1@example.test>
From: Carol Client <carol@example.test>
To: me@example.test
Subject: Signed contract attached
Date: ${date(5)}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="m1"

--m1
Content-Type: text/plain; charset=utf-8

Here is the signed contract.
--m1
Content-Type: text/plain; name="contract.txt"
Content-Disposition: attachment; filename="../../contract.txt"
Content-Transfer-Encoding: base64

${Buffer.from('This is the contract text.\n').toString('base64')}
--m1--
`);
  for (let i = 0; i < fillerCount; i++) {
    msgs.push(`From bob@example.test Thu Sep  1 09:30:00 2026
Message-ID: <filler-${i}@example.test>
From: Bob Builder <bob@example.test>
To: me@example.test
Subject: Status update ${i}
Date: ${new Date(Date.UTC(2026, 8, 1, 0, i)).toUTCString().replace('GMT', '+0000')}
Content-Type: text/plain; charset=utf-8

Routine status update number ${i}.
`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmsync-e2e-mbox-'));
  const file = path.join(dir, 'Inbox.mbox');
  fs.writeFileSync(file, msgs.join('\n'));
  return file;
}
