// Reference data for the seed: real countries, institutions and funding agencies. Demo people are fictional.
import type { InstitutionType, Role } from '../generated/prisma/client.js';

export interface CountrySeed {
  /** ISO 3166-1 alpha-2. */
  code: string;
  nameEn: string;
  nameJa: string;
  /** ISO 4217. */
  currency: string;
  /** IANA time zones, the capital's first. */
  timeZones: string[];
  asean: boolean;
}

/** The 11 ASEAN member states (Timor-Leste admitted as the 11th in October 2025) and Japan. */
export const COUNTRIES: CountrySeed[] = [
  {
    code: 'BN',
    nameEn: 'Brunei Darussalam',
    nameJa: 'ブルネイ',
    currency: 'BND',
    timeZones: ['Asia/Brunei'],
    asean: true,
  },
  {
    code: 'KH',
    nameEn: 'Cambodia',
    nameJa: 'カンボジア',
    currency: 'KHR',
    timeZones: ['Asia/Phnom_Penh'],
    asean: true,
  },
  {
    code: 'ID',
    nameEn: 'Indonesia',
    nameJa: 'インドネシア',
    currency: 'IDR',
    timeZones: ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'],
    asean: true,
  },
  { code: 'LA', nameEn: 'Lao PDR', nameJa: 'ラオス', currency: 'LAK', timeZones: ['Asia/Vientiane'], asean: true },
  {
    code: 'MY',
    nameEn: 'Malaysia',
    nameJa: 'マレーシア',
    currency: 'MYR',
    timeZones: ['Asia/Kuala_Lumpur', 'Asia/Kuching'],
    asean: true,
  },
  { code: 'MM', nameEn: 'Myanmar', nameJa: 'ミャンマー', currency: 'MMK', timeZones: ['Asia/Yangon'], asean: true },
  { code: 'PH', nameEn: 'Philippines', nameJa: 'フィリピン', currency: 'PHP', timeZones: ['Asia/Manila'], asean: true },
  {
    code: 'SG',
    nameEn: 'Singapore',
    nameJa: 'シンガポール',
    currency: 'SGD',
    timeZones: ['Asia/Singapore'],
    asean: true,
  },
  { code: 'TH', nameEn: 'Thailand', nameJa: 'タイ', currency: 'THB', timeZones: ['Asia/Bangkok'], asean: true },
  { code: 'VN', nameEn: 'Viet Nam', nameJa: 'ベトナム', currency: 'VND', timeZones: ['Asia/Ho_Chi_Minh'], asean: true },
  // Timor-Leste uses the US dollar (with its own centavo coins).
  { code: 'TL', nameEn: 'Timor-Leste', nameJa: '東ティモール', currency: 'USD', timeZones: ['Asia/Dili'], asean: true },
  { code: 'JP', nameEn: 'Japan', nameJa: '日本', currency: 'JPY', timeZones: ['Asia/Tokyo'], asean: false },
];

export interface InstitutionSeed {
  name: string;
  shortName: string;
  countryCode: string;
  type: InstitutionType;
  website: string;
}

const U = 'UNIVERSITY' as const;
const R = 'RESEARCH_INSTITUTE' as const;

export const INSTITUTIONS: InstitutionSeed[] = [
  // Brunei Darussalam
  { name: 'Universiti Brunei Darussalam', shortName: 'UBD', countryCode: 'BN', type: U, website: 'https://ubd.edu.bn' },
  {
    name: 'Universiti Teknologi Brunei',
    shortName: 'UTB',
    countryCode: 'BN',
    type: U,
    website: 'https://www.utb.edu.bn',
  },
  {
    name: 'Universiti Islam Sultan Sharif Ali',
    shortName: 'UNISSA',
    countryCode: 'BN',
    type: U,
    website: 'https://www.unissa.edu.bn',
  },
  // Cambodia
  {
    name: 'Royal University of Phnom Penh',
    shortName: 'RUPP',
    countryCode: 'KH',
    type: U,
    website: 'https://www.rupp.edu.kh',
  },
  {
    name: 'Institute of Technology of Cambodia',
    shortName: 'ITC',
    countryCode: 'KH',
    type: U,
    website: 'https://itc.edu.kh',
  },
  {
    name: 'Royal University of Agriculture',
    shortName: 'RUA',
    countryCode: 'KH',
    type: U,
    website: 'https://www.rua.edu.kh',
  },
  {
    name: 'Institut Pasteur du Cambodge',
    shortName: 'IPC',
    countryCode: 'KH',
    type: R,
    website: 'https://www.pasteur-kh.org',
  },
  // Indonesia
  {
    name: 'Institut Teknologi Bandung',
    shortName: 'ITB',
    countryCode: 'ID',
    type: U,
    website: 'https://www.itb.ac.id',
  },
  { name: 'Universitas Indonesia', shortName: 'UI', countryCode: 'ID', type: U, website: 'https://www.ui.ac.id' },
  { name: 'Universitas Gadjah Mada', shortName: 'UGM', countryCode: 'ID', type: U, website: 'https://ugm.ac.id' },
  { name: 'IPB University', shortName: 'IPB', countryCode: 'ID', type: U, website: 'https://www.ipb.ac.id' },
  // Lao PDR
  {
    name: 'National University of Laos',
    shortName: 'NUOL',
    countryCode: 'LA',
    type: U,
    website: 'https://www.nuol.edu.la',
  },
  { name: 'Souphanouvong University', shortName: 'SU', countryCode: 'LA', type: U, website: 'https://su.edu.la' },
  { name: 'Institut Pasteur du Laos', shortName: 'IPL', countryCode: 'LA', type: R, website: 'https://www.pasteur.la' },
  // Malaysia
  { name: 'Universiti Malaya', shortName: 'UM', countryCode: 'MY', type: U, website: 'https://www.um.edu.my' },
  {
    name: 'Universiti Kebangsaan Malaysia',
    shortName: 'UKM',
    countryCode: 'MY',
    type: U,
    website: 'https://www.ukm.my',
  },
  { name: 'Universiti Sains Malaysia', shortName: 'USM', countryCode: 'MY', type: U, website: 'https://www.usm.my' },
  {
    name: 'Universiti Putra Malaysia',
    shortName: 'UPM',
    countryCode: 'MY',
    type: U,
    website: 'https://www.upm.edu.my',
  },
  // Myanmar
  { name: 'University of Yangon', shortName: 'UY', countryCode: 'MM', type: U, website: 'https://www.uy.edu.mm' },
  {
    name: 'Yangon Technological University',
    shortName: 'YTU',
    countryCode: 'MM',
    type: U,
    website: 'https://www.ytu.edu.mm',
  },
  {
    name: 'Yezin Agricultural University',
    shortName: 'YAU',
    countryCode: 'MM',
    type: U,
    website: 'https://www.yau.edu.mm',
  },
  // Philippines
  {
    name: 'University of the Philippines Diliman',
    shortName: 'UP Diliman',
    countryCode: 'PH',
    type: U,
    website: 'https://upd.edu.ph',
  },
  {
    name: 'Ateneo de Manila University',
    shortName: 'ADMU',
    countryCode: 'PH',
    type: U,
    website: 'https://www.ateneo.edu',
  },
  { name: 'De La Salle University', shortName: 'DLSU', countryCode: 'PH', type: U, website: 'https://www.dlsu.edu.ph' },
  {
    name: 'International Rice Research Institute',
    shortName: 'IRRI',
    countryCode: 'PH',
    type: R,
    website: 'https://www.irri.org',
  },
  // Singapore
  {
    name: 'National University of Singapore',
    shortName: 'NUS',
    countryCode: 'SG',
    type: U,
    website: 'https://nus.edu.sg',
  },
  {
    name: 'Nanyang Technological University',
    shortName: 'NTU',
    countryCode: 'SG',
    type: U,
    website: 'https://www.ntu.edu.sg',
  },
  {
    name: 'Singapore University of Technology and Design',
    shortName: 'SUTD',
    countryCode: 'SG',
    type: U,
    website: 'https://www.sutd.edu.sg',
  },
  {
    name: 'Earth Observatory of Singapore',
    shortName: 'EOS',
    countryCode: 'SG',
    type: R,
    website: 'https://earthobservatory.sg',
  },
  // Thailand
  { name: 'Chulalongkorn University', shortName: 'CU', countryCode: 'TH', type: U, website: 'https://www.chula.ac.th' },
  { name: 'Mahidol University', shortName: 'MU', countryCode: 'TH', type: U, website: 'https://mahidol.ac.th' },
  { name: 'Kasetsart University', shortName: 'KU', countryCode: 'TH', type: U, website: 'https://www.ku.ac.th' },
  {
    name: 'Asian Institute of Technology',
    shortName: 'AIT',
    countryCode: 'TH',
    type: U,
    website: 'https://www.ait.ac.th',
  },
  {
    name: 'National Science and Technology Development Agency',
    shortName: 'NSTDA',
    countryCode: 'TH',
    type: R,
    website: 'https://www.nstda.or.th',
  },
  // Viet Nam
  {
    name: 'Vietnam National University, Hanoi',
    shortName: 'VNU',
    countryCode: 'VN',
    type: U,
    website: 'https://vnu.edu.vn',
  },
  {
    name: 'Vietnam National University, Ho Chi Minh City',
    shortName: 'VNU-HCM',
    countryCode: 'VN',
    type: U,
    website: 'https://vnuhcm.edu.vn',
  },
  {
    name: 'Hanoi University of Science and Technology',
    shortName: 'HUST',
    countryCode: 'VN',
    type: U,
    website: 'https://hust.edu.vn',
  },
  {
    name: 'Vietnam Academy of Science and Technology',
    shortName: 'VAST',
    countryCode: 'VN',
    type: R,
    website: 'https://vast.gov.vn',
  },
  // Timor-Leste
  {
    name: "Universidade Nacional Timor Lorosa'e",
    shortName: 'UNTL',
    countryCode: 'TL',
    type: U,
    website: 'https://www.untl.edu.tl',
  },
  { name: 'Dili Institute of Technology', shortName: 'DIT', countryCode: 'TL', type: U, website: 'https://dit.edu.tl' },
  {
    name: 'Instituto Nacional de Ciências e Tecnologia',
    shortName: 'INCT',
    countryCode: 'TL',
    type: R,
    website: 'https://inct.gov.tl',
  },
  // Japan
  {
    name: 'The University of Tokyo',
    shortName: 'UTokyo',
    countryCode: 'JP',
    type: U,
    website: 'https://www.u-tokyo.ac.jp',
  },
  { name: 'Kyoto University', shortName: 'Kyoto U', countryCode: 'JP', type: U, website: 'https://www.kyoto-u.ac.jp' },
  { name: 'Tohoku University', shortName: 'Tohoku U', countryCode: 'JP', type: U, website: 'https://www.tohoku.ac.jp' },
  { name: 'RIKEN', shortName: 'RIKEN', countryCode: 'JP', type: R, website: 'https://www.riken.jp' },
  {
    name: 'National Institute for Environmental Studies',
    shortName: 'NIES',
    countryCode: 'JP',
    type: R,
    website: 'https://www.nies.go.jp',
  },
];

export interface AgencySeed {
  acronym: string;
  name: string;
  countryCode: string;
}

/** National research funding bodies (for some countries the ministry that funds research is the funder). */
export const AGENCIES: AgencySeed[] = [
  { acronym: 'JST', name: 'Japan Science and Technology Agency', countryCode: 'JP' },
  { acronym: 'JSPS', name: 'Japan Society for the Promotion of Science', countryCode: 'JP' },
  { acronym: 'NRCT', name: 'National Research Council of Thailand', countryCode: 'TH' },
  { acronym: 'TSRI', name: 'Thailand Science Research and Innovation', countryCode: 'TH' },
  { acronym: 'MOHE', name: 'Ministry of Higher Education Malaysia', countryCode: 'MY' },
  {
    acronym: 'BRIN',
    name: 'National Research and Innovation Agency (Badan Riset dan Inovasi Nasional)',
    countryCode: 'ID',
  },
  { acronym: 'DOST', name: 'Department of Science and Technology', countryCode: 'PH' },
  { acronym: 'NRF', name: 'National Research Foundation Singapore', countryCode: 'SG' },
  { acronym: 'NAFOSTED', name: 'National Foundation for Science and Technology Development', countryCode: 'VN' },
  { acronym: 'MISTI', name: 'Ministry of Industry, Science, Technology and Innovation', countryCode: 'KH' },
  { acronym: 'MOES', name: 'Ministry of Education and Sports', countryCode: 'LA' },
  { acronym: 'INCT', name: 'Instituto Nacional de Ciências e Tecnologia', countryCode: 'TL' },
];

export const PROGRAMME = {
  slug: 'asean-japan-climate',
  name: 'ASEAN–Japan Joint Research Programme on Climate Resilience',
  description:
    'Multilateral joint calls for research consortia from ASEAN member states and Japan on climate change ' +
    'adaptation and mitigation, disaster resilience and the food, water and energy systems that depend on them. ' +
    'Each participating agency funds the partners of its own country.',
  agencies: ['JST', 'NRCT', 'MOHE', 'BRIN', 'DOST', 'NRF', 'NAFOSTED'],
} as const;

/** The one password of every demo account. */
export const DEMO_PASSWORD = 'Kizuna-demo-2026';

export interface DemoUserSeed {
  email: string;
  displayName: string;
  role: Role;
  /** Institution name (unique together with countryCode). */
  institution?: { name: string; countryCode: string };
  locale: string;
  timeZone: string;
  /** The role is scoped to the demo programme. */
  programmeScoped?: boolean;
  /** A reviewer's expertise, so the assignment has something to match. */
  reviewerProfile?: {
    keywords: string[];
    expertise: string;
    publications: { title: string; abstract: string }[];
    themes: string[];
    collaborators: string[];
    maxLoadPerCall: number;
  };
}

export const DEMO_USERS: DemoUserSeed[] = [
  {
    email: 'researcher@kizuna.test',
    displayName: 'Dr Nur Aisyah Rahman',
    role: 'RESEARCHER',
    institution: { name: 'Universiti Malaya', countryCode: 'MY' },
    locale: 'en',
    timeZone: 'Asia/Kuala_Lumpur',
  },
  {
    email: 'reviewer@kizuna.test',
    displayName: 'Prof. Maria Santos',
    role: 'REVIEWER',
    institution: { name: 'University of the Philippines Diliman', countryCode: 'PH' },
    locale: 'en',
    timeZone: 'Asia/Manila',
    reviewerProfile: {
      keywords: ['climate adaptation', 'rice', 'flood risk', 'coastal ecosystems', 'remote sensing'],
      expertise:
        'Climate adaptation of agriculture in Southeast Asia: rice systems under flooding and drought, coastal wetlands, satellite monitoring of land use.',
      publications: [
        {
          title: 'Flood-tolerant rice adoption and household resilience in the Philippines',
          abstract: 'A panel study of smallholder farmers after typhoon seasons.',
        },
      ],
      themes: ['climate_change', 'food_security', 'disaster_resilience'],
      collaborators: [],
      maxLoadPerCall: 6,
    },
  },
  {
    email: 'manager@kizuna.test',
    displayName: 'Kenji Watanabe',
    role: 'PROGRAMME_MANAGER',
    locale: 'en',
    timeZone: 'Asia/Tokyo',
    programmeScoped: true,
  },
  {
    email: 'admin@kizuna.test',
    displayName: 'Kizuna Administrator',
    role: 'ADMIN',
    locale: 'en',
    timeZone: 'UTC',
  },
  {
    email: 'researcher.jp@kizuna.test',
    displayName: 'Dr Haruka Sato',
    role: 'RESEARCHER',
    institution: { name: 'Kyoto University', countryCode: 'JP' },
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
  },
  {
    email: 'researcher.th@kizuna.test',
    displayName: 'Dr Somchai Wongsakul',
    role: 'RESEARCHER',
    institution: { name: 'Chulalongkorn University', countryCode: 'TH' },
    locale: 'en',
    timeZone: 'Asia/Bangkok',
  },
];
