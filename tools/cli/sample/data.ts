/** Word lists for realistic sample payloads (invented people and companies). */

export type Country = 'FR' | 'GB' | 'US' | 'DE' | 'CN';

export interface Locale {
  country: Country;
  language: string;
  /** Winter and summer offsets to UTC, minutes. */
  offsets: [number, number];
  firstNames: string[];
  lastNames: string[];
  /** Latin transliterations for names that are not in Latin script (used for email local parts). */
  latin?: Record<string, string>;
}

export const LOCALES: Locale[] = [
  {
    country: 'FR',
    language: 'fr-FR',
    offsets: [60, 120],
    firstNames: [
      'Émilie',
      'François',
      'Hélène',
      'Zoé',
      'Jérôme',
      'Léa',
      'Noël',
      'Anaïs',
      'Loïc',
      'Chloé',
      'Benoît',
      'Maëlle'
    ],
    lastNames: [
      'Lefèvre',
      'Dubois',
      'Girard',
      'Bézier',
      'Moreau',
      'Faure',
      'Chevalier',
      'Lemaître',
      'Roussel',
      "d'Aubigné"
    ]
  },
  {
    country: 'GB',
    language: 'en-GB',
    offsets: [0, 60],
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Siobhán', 'Rhys', 'Niamh', 'Callum', 'Eleanor'],
    lastNames: ['Smith', "O'Connor", 'Taylor', 'Davies', 'Evans', 'Wright', 'Walker-Brown', 'Hughes', 'Ó Briain']
  },
  {
    country: 'US',
    language: 'en-US',
    offsets: [-300, -240],
    firstNames: ['James', 'Olivia', 'José', 'Ava', 'Michael', 'Sofía', 'Ethan', 'Mia', 'DeShawn', 'Priya'],
    lastNames: ['Johnson', 'García', 'Williams', 'Nguyen', 'Brown', 'Martínez', 'Patel', 'Kowalski', 'Anderson']
  },
  {
    country: 'DE',
    language: 'de-DE',
    offsets: [60, 120],
    firstNames: ['Jürgen', 'Anna', 'Lukas', 'Jörg', 'Sophie', 'Maximilian', 'Björn', 'Lena', 'Günther', 'Käthe'],
    lastNames: ['Müller', 'Schröder', 'Strauß', 'Weiß', 'Schäfer', 'Groß', 'Becker', 'Köhler', 'Hoffmann']
  },
  {
    country: 'CN',
    language: 'zh-CN',
    offsets: [480, 480],
    firstNames: ['伟', '芳', '娜', '静', '磊', '敏'],
    lastNames: ['李', '王', '张', '刘', '陈'],
    latin: {
      伟: 'wei',
      芳: 'fang',
      娜: 'na',
      静: 'jing',
      磊: 'lei',
      敏: 'min',
      李: 'li',
      王: 'wang',
      张: 'zhang',
      刘: 'liu',
      陈: 'chen'
    }
  }
];

export const COMPANIES: Array<{ name: string; domain: string }> = [
  { name: 'Acme Logistique', domain: 'acme-logistique.fr' },
  { name: 'Brightwater Analytics', domain: 'brightwater.co.uk' },
  { name: 'Northwind Traders', domain: 'northwind.com' },
  { name: 'Müller & Söhne Maschinenbau', domain: 'mueller-soehne.de' },
  { name: 'Société Générale des Eaux du Sud', domain: 'sges.fr' },
  { name: 'Blue Harbor Health', domain: 'blueharborhealth.com' },
  { name: 'Kestrel Robotics', domain: 'kestrel-robotics.io' },
  { name: '上海云帆科技', domain: 'yunfan-tech.cn' },
  { name: 'Fjord & Field', domain: 'fjordfield.eu' },
  { name: 'Verdant Energy', domain: 'verdant-energy.com' }
];

export const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.fr', 'gmx.de', 'icloud.com'];

export const SELLER_DOMAIN = 'modjo-customer.example.com';

export const CALL_PROVIDERS = ['Aircall', 'Ringover', 'Amazon Connect', 'Twilio', 'Dialpad', 'Salesforce Voice'];
export const MEETING_PROVIDERS = ['Zoom', 'Google Meet', 'Microsoft Teams'];

export const TOPICS = [
  'Pricing',
  'Competition',
  'Next steps',
  'Budget',
  'Decision process',
  'Integration',
  'Security review',
  'Onboarding',
  'Renewal',
  'Discount',
  'Timeline',
  'Legal',
  'Procurement',
  'Use cases',
  'Objections'
];

export const TAGS = [
  'discovery',
  'demo',
  'negotiation',
  'follow-up',
  'churn-risk',
  'upsell',
  'champion',
  'q4',
  'EMEA',
  'enterprise'
];

export const CATEGORIES = [
  'Pain point',
  'Next step',
  'Objection',
  'Competitor mention',
  'Pricing',
  'Question',
  'Decision'
];

export const SENTENCES: Record<string, string[]> = {
  en: [
    'The customer described how their team currently logs calls by hand at the end of each day.',
    'They are comparing us with two other vendors and expect a decision before the end of the quarter.',
    'Budget has been approved for this fiscal year, but procurement needs a security questionnaire first.',
    'The main pain point is the time managers spend listening to recordings to coach new hires.',
    'We agreed to run a two-week pilot with the inside sales team in London.',
    'Pricing came up twice: they asked for a volume discount above fifty seats.',
    'Their CRM admin wants every call linked to the right opportunity without manual work.',
    'Legal asked whether recordings are stored in the EU and for how long.',
    'The champion will present the business case to the CFO next Tuesday.',
    'They currently use a dialer that already creates a task for every call.',
    'Integration with their data warehouse is a nice-to-have, not a blocker.',
    'Next step: send the proposal and book a technical deep-dive with IT.'
  ],
  fr: [
    "Le client a expliqué que son équipe saisit aujourd'hui les appels à la main en fin de journée.",
    'Ils nous comparent à deux autres éditeurs et prévoient une décision avant la fin du trimestre.',
    "Le budget est validé pour l'exercice, mais les achats demandent d'abord un questionnaire de sécurité.",
    'La principale difficulté : le temps passé par les managers à réécouter les appels pour former les nouveaux.',
    "Nous avons convenu d'un pilote de deux semaines avec l'équipe de vente sédentaire à Lyon.",
    'Le prix est revenu deux fois : ils souhaitent une remise au-delà de cinquante licences.',
    "L'administrateur CRM veut que chaque appel soit rattaché à la bonne opportunité, sans saisie.",
    'Le service juridique demande où sont hébergés les enregistrements et pour combien de temps.',
    'Prochaine étape : envoyer la proposition et planifier un atelier technique avec la DSI.'
  ],
  de: [
    'Der Kunde erklärte, dass sein Team Anrufe derzeit am Ende jedes Tages von Hand erfasst.',
    'Sie vergleichen uns mit zwei anderen Anbietern und wollen bis Quartalsende entscheiden.',
    'Das Budget ist genehmigt, aber der Einkauf benötigt zuerst einen Sicherheitsfragebogen.',
    'Größtes Problem: Führungskräfte verbringen zu viel Zeit mit dem Anhören von Aufnahmen.',
    'Wir haben ein zweiwöchiges Pilotprojekt mit dem Innendienst in München vereinbart.',
    'Nächster Schritt: Angebot schicken und einen technischen Workshop mit der IT planen.'
  ],
  zh: [
    '客户介绍了他们目前在每天结束时手动记录通话的方式。',
    '他们正在比较三家供应商，预计在本季度末之前做出决定。',
    '预算已经批准，但采购部门需要先完成安全问卷。',
    '下一步：发送报价并与IT部门安排技术研讨会。'
  ]
};
