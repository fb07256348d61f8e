/** Word lists for the demo mailbox: people, organisations, subjects and prose. Data only. */

export const FIRST_NAMES = [
  'Alice', 'Bob', 'Carol', 'David', 'Emma', 'Frank', 'Grace', 'Hannah', 'Ivan', 'Julia', 'Kevin', 'Laura',
  'Marcus', 'Nina', 'Oscar', 'Priya', 'Quentin', 'Rachel', 'Samuel', 'Tara', 'Umar', 'Vera', 'William',
  'Xavier', 'Yusuf', 'Zoë', 'José', 'Søren', 'François', 'Łukasz', 'Ángel', 'Élodie', 'Jürgen', 'Anaïs',
  'Björn', 'Chloé', 'Dmitri', 'Mei', 'Hiroshi', 'Aarav', 'Fatima', 'Mateo', 'Ingrid', 'Noah', 'Olivia',
  'さくら', 'Дмитрий', 'Αλέξανδρος', '李娜', 'Renée', 'Zoltán', 'Siobhán', 'Oğuz',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Brown', 'Nguyen', 'Garcia', 'Schmidt', 'Dubois', 'Kowalski', 'Rossi', 'Tanaka',
  'Ivanova', 'Øster', 'Núñez', 'Żak', 'Hernández', 'Müller', 'Lefèvre', 'O\'Brien', 'Kim', 'Patel',
  'Andersson', 'Novák', 'Silva', 'Yılmaz', 'Cohen', 'Fischer', 'Moreau', 'Wójcik', 'Sato', 'Haddad',
  '山田', 'Петров', 'Παπαδόπουλος',
];

/** Organisations people write from; `work` ones are colleagues and partners. */
export const ORGANISATIONS = [
  { domain: 'acme-corp.example', work: true },
  { domain: 'northwind.example', work: true },
  { domain: 'globex.example', work: true },
  { domain: 'initech.example', work: true },
  { domain: 'umbrella-labs.example', work: true },
  { domain: 'mailbox.example', work: false },
  { domain: 'fastpost.example', work: false },
  { domain: 'posteo.example', work: false },
  { domain: 'uni-heidelberg.example', work: false },
];

export const NEWSLETTERS = [
  { name: 'The Weekly Byte', address: 'news@weeklybyte.example', topic: 'software' },
  { name: 'Ünited Travel Deals', address: 'deals@united-travel.example', topic: 'travel' },
  { name: 'Gardening Monthly', address: 'hello@gardening-monthly.example', topic: 'garden' },
  { name: 'Kochen & Genießen', address: 'rezepte@kochen.example', topic: 'food' },
  { name: 'Open Source Digest', address: 'digest@oss-digest.example', topic: 'software' },
  { name: 'City Library', address: 'events@citylibrary.example', topic: 'books' },
  { name: 'Bank of Example', address: 'no-reply@bank.example', topic: 'finance' },
];

/** Everyday words; "meeting" and friends are common on purpose (a frequent search term). */
export const COMMON_WORDS = (
  'the of and to in is you that it was for on are as with they at be this have from or one had by '
  + 'but not what all were we when your can said there use each which she do how their if will up other about out '
  + 'many then them these so some her would make like him into time has look two more write see number way could '
  + 'people than first been call who now find long down day did get come made may part over new take only little '
  + 'work know place year live back give most very after thing our just name good think say great where help through '
  + 'much before line right too mean old any same tell follow came want show also around form three small set put end '
  + 'does another well large must big even such because turn here why ask went read need home move try kind hand '
  + 'again change off play point page letter answer found still learn should world week today tomorrow thanks please '
  + 'meeting meeting update update schedule team plan call notes'
).split(' ');

export const WORK_WORDS = (
  'budget budgeting budgetary invoice deploy deployment server release roadmap milestone quarterly review design sync '
  + 'backlog sprint customer contract draft proposal forecast revenue headcount migration database latency outage '
  + 'incident postmortem onboarding hiring vendor procurement compliance audit dashboard metrics analytics pipeline '
  + 'staging production rollback hotfix feature ticket estimate deadline stakeholder presentation slides agenda'
).split(' ');

export const PERSONAL_WORDS = (
  'weekend dinner birthday holiday trip flight hotel garden kids school concert movie recipe coffee lunch hiking '
  + 'beach museum apartment moving photos wedding gift party train bike running yoga'
).split(' ');

/** Paragraphs in other languages, so bodies carry real UTF-8 (and ISO-8859-1) text. */
export const FOREIGN_PARAGRAPHS = [
  'Vielen Dank für die schnelle Rückmeldung. Können wir das Treffen auf Donnerstag verschieben? Grüße aus München.',
  'Merci beaucoup pour ton message ! Je serai en déplacement la semaine prochaine, mais on peut s\'appeler vendredi à 14 h.',
  '¿Podemos revisar el presupuesto mañana? El año pasado tuvimos problemas con el proveedor, así que mejor lo vemos juntos.',
  'Tack för senast! Jag skickar över underlagen så fort jag är tillbaka på kontoret.',
  'お疲れ様です。来週の会議の資料を添付しましたので、ご確認ください。よろしくお願いいたします。',
  'Привет! Я посмотрел документы, всё выглядит хорошо. Давай обсудим детали на следующей неделе.',
  'Καλημέρα σας, σας στέλνω τα στοιχεία για την επόμενη συνάντηση.',
  'Dzięki za szybką odpowiedź. Wyślę poprawioną wersję jutro rano.',
  '你好！附件是上周会议的纪要，请查收。',
  'Grazie mille per l\'aiuto — ci vediamo alla riunione di giovedì. 😊',
];

export type SubjectTemplate = (w: () => string, n: () => number) => string;

export const WORK_SUBJECTS: SubjectTemplate[] = [
  (w) => `Roadmap for ${w()} next quarter`,
  (_w, n) => `Release ${n() % 9}.${n() % 20} deploy tonight`,
  (w) => `Meeting notes: ${w()} and ${w()}`,
  (w) => `Question about the ${w()} ${w()}`,
  (_w, n) => `Invoice #${10000 + n()} from Northwind`,
  (w) => `Draft: ${w()} proposal`,
  (_w, n) => `Sprint ${n() % 90} planning`,
  (w) => `Incident review: ${w()} outage`,
  (w) => `Grüße aus dem Büro – ${w()} Update`,
  (w) => `Réunion de lundi : ${w()}`,
  (w) => `会議の件 — ${w()}`,
  (w) => `🚀 Launch checklist for ${w()}`,
  (w) => `Вопрос по ${w()}`,
  (w) => `Presupuesto del año — ${w()}`,
];

export const PERSONAL_SUBJECTS: SubjectTemplate[] = [
  (w) => `Plans for the ${w()}`,
  () => 'Dinner on Saturday?',
  (w) => `Photos from the ${w()}`,
  () => 'Happy birthday! 🎉',
  (w) => `Re-connecting about ${w()}`,
  () => 'Wochenende in Zürich?',
  () => 'Ça va ? Nouvelles de Lyon',
  () => 'Señor García — año nuevo',
  () => 'Flight details',
  () => 'Kids\' school concert',
];

export const NEWSLETTER_SUBJECTS: Record<string, string[]> = {
  software: ['This week: TypeScript 6, SQLite tricks and more', 'Five tools we loved in March', 'Your weekly digest 📬'],
  travel: ['Flash sale: Lisbon from €49 ✈️', 'Summer deals are here', 'Última oportunidad: Barcelona'],
  garden: ['What to plant this month 🌱', 'Pruning roses the right way'],
  food: ['Neue Rezepte für die Woche', 'Spätzle, Strudel & Co.'],
  books: ['New arrivals and author talks', 'Your reading list for the holidays 📚'],
  finance: ['Your monthly statement is ready', 'Important changes to your account terms'],
};

export const SIGN_OFFS = ['Best,', 'Thanks,', 'Cheers,', 'Kind regards,', 'Viele Grüße,', 'Bien à vous,', 'Talk soon,'];

/** Sentence shapes people actually write; `{w}` is a topic word, `{d}` a day. */
export const SENTENCE_TEMPLATES = [
  'Could you send me the {w} {w} before {d}?',
  'I have attached the latest {w} for the {w} meeting.',
  'Let me know if {d} works for a quick call about the {w}.',
  'Thanks for the update on the {w}, that helps a lot.',
  'We still need to decide who owns the {w} {w}.',
  'I talked to the team and we think the {w} can wait until {d}.',
  'Just a reminder that the {w} is due on {d}.',
  'Sorry for the late reply, I was out on {d}.',
  'Can we move the {w} discussion to next week?',
  'The numbers for the {w} look better than last month.',
  'Happy to help with the {w} if you need another pair of eyes.',
  'I am not sure the {w} {w} is the right approach here.',
  'Please review the {w} notes and add anything I missed.',
  'Quick question: is the {w} still on track for {d}?',
  'Looping in the rest of the team for the {w} {w}.',
  'See you on {d}, and thanks again for organising the {w}.',
  'I will follow up with the {w} team tomorrow.',
  'Does anyone have the link to the {w} dashboard?',
];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'next week', 'the weekend'];
