// HTCDS 2.0 (Human Trafficking Case Data Standard, UNMigration/HTCDS): the fields the data hub reads and
// writes, with their picklists as the standard's field list gives them. Only fields fit for statistics are
// here: names, birth dates, contact details, addresses, free text and lookups to people or organisations are
// personal data and refused on import (PERSONAL_FIELDS).

export type HtcdsKind = 'picklist' | 'multi' | 'country' | 'number' | 'date' | 'checkbox';

export interface HtcdsField {
  name: string;
  kind: HtcdsKind;
  values?: readonly string[];
}

const OUTLETS = [
  'Facebook',
  'Instagram',
  'WhatsApp',
  'Telegram',
  'FacebookMessenger',
  'Viber',
  'SnapChat',
  'Line',
  '4Sale',
  'WeChat',
  'QQ',
  'QZone',
  'TikTok',
  'Twitter',
  'Other',
];
const REFERRAL_REASONS = ['AdditionalServicesRequired', 'MigrationOrChangeOfLocation', 'Other'];

/** Samen's closing reasons, written the way HTCDS writes its values (cas_ReasonForCaseClosure). */
export const CLOSURE_REASONS = [
  'PlacedAndStable',
  'NoTrafficking',
  'DeclinedHelp',
  'TransferredAbroad',
  'LostContact',
  'ConsultAnswered',
  'Other',
];

/** HTCDS org_Type (the organisation's category), for Samen's samen_ReferringOrgType. */
export const ORG_TYPES = [
  'NGO',
  'LawEnforcement',
  'HealthServiceOrganisation',
  'CentralGovernmentOrganisation',
  'LocalGovernmentOrganisation',
  'ImmigrationService',
  'LegalService',
  'CorporateBusiness',
  'SchoolOrCollege',
];

export const HTCDS_FIELDS: readonly HtcdsField[] = [
  {
    name: 'prs_Gender',
    kind: 'picklist',
    values: [
      'Feminine',
      'Masculine',
      'TransgenderFeminine',
      'TransgenderMasculine',
      'NonConforming',
      'NonSpecifiedUnknown',
    ],
  },
  { name: 'prs_Citizenship', kind: 'country' },
  {
    name: 'vic_TraffickingStatus',
    kind: 'picklist',
    values: ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'],
  },
  {
    name: 'vic_TraffickingStatusDecisionMakingOrg',
    kind: 'picklist',
    values: ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'],
  },
  {
    name: 'vic_RelationshipToTrafficker',
    kind: 'picklist',
    values: ['Familial', 'Acquainted', 'Unaquainted'],
  },
  { name: 'vic_AgeWhenTrafficked', kind: 'number' },
  { name: 'vic_RecruitmentWebsitesAndApps', kind: 'multi', values: OUTLETS },
  {
    name: 'vic_MethodOfRecruitment',
    kind: 'multi',
    values: [
      'AtAPlaceOfBusiness',
      'AtAnEducationalInstitution',
      'AtWork',
      'ThroughOnlineSocialNetworks',
      'ThroughAnOnlineAdvertisement',
      'ThroughATelevisionAdvert',
      'ThroughANewspaperAdvert',
      'ThroughFamilyOrFamilyEvents',
      'ThroughFriendsOrSocialEvents',
      'Other',
    ],
  },
  {
    name: 'vic_MethodsOfControl',
    kind: 'multi',
    values: [
      'PhysicalThreats',
      'ThreatsLawEnforcement',
      'ThreatensChildrenFamily',
      'DebtBondage',
      'FalsePromises',
      'PhysicalAbuse',
      'SexualAbuse',
      'TakesEarnings',
      'RestrictsFinancialAccess',
      'RestrictsMedicalCare',
      'WithholdsNecessities',
      'PsychologicalAbuse',
      'PsychoactiveSubstance',
      'ExcessiveWorkingHours',
      'WithholdsDocuments',
      'Other',
    ],
  },
  {
    name: 'vic_TypeOfExploitation',
    kind: 'multi',
    values: [
      'ForcedLabour',
      'SexualExploitation',
      'ChildLabour',
      'ForcedMarriage',
      'Servitude',
      'ForcedMilitaryByNonStateActors',
      'OrganRemoval',
      'ForcedBegging',
      'ForcedAdoption',
      'Surrogacy',
      'Other',
    ],
  },
  {
    name: 'vic_ForcedLabourIndustry',
    kind: 'picklist',
    values: [
      'A_AgricultureForestryAndFishing',
      'B_MiningAndQuarrying',
      'C_Manufacturing',
      'D_ElectricityGasSteamAndAirConditioningSupply',
      'E_WaterSupplySewerageWasteManagement',
      'F_Construction',
      'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
      'H_TransportationAndStorage',
      'I_AccommodationAndFoodServiceActivities',
      'J_InformationAndCommunication',
      'K_FinancialAndInsuranceActivities',
      'L_RealEstateActivities',
      'M_ProfessionalScientificAndTechnicalActivities',
      'N_AdministrativeAndSupportServiceActivities',
      'O_PublicAdministrationAndDefence',
      'P_Education',
      'Q_HumanHealthAndSocialWorkActivities',
      'R_ArtsEntertainmentAndRecreation',
      'S_OtherServiceActivities',
      'T_ActivitiesOfHouseholdsAsEmployers',
      'U_ActivitiesOfExtraterritorialOrganizations',
    ],
  },
  {
    name: 'vic_TypeOfSexExploitation',
    kind: 'multi',
    values: ['Prostitution', 'Pornography', 'RemoteInteractiveServices', 'PrivateSexualServices'],
  },
  { name: 'vic_ExploitationWebsitesAndApps', kind: 'multi', values: OUTLETS },
  {
    name: 'vic_Vulnerabilities',
    kind: 'multi',
    values: [
      'Addiction',
      'SocialGroup',
      'Discrimination',
      'Poverty',
      'DisabilityAndPhysicalHealth',
      'MentalHealth',
      'Migration',
      'Homelessness',
      'AbuseSocialMedia',
      'AbusePhysical',
      'Education',
      'WorkEnvironment',
    ],
  },
  {
    name: 'per_RoleInProcess',
    kind: 'multi',
    values: [
      'TravellingPartner',
      'Transporter',
      'RecruiterOrIntermediary',
      'BrokerTravelAgent',
      'TransferredIndividual',
      'HarbouredIndividual',
      'SoldIndividual',
      'BoughtIndividual',
      'ReceivedIndividual',
      'ControlledIndividual',
      'Smuggler',
      'Abuser',
      'Kidnapper',
      'Exploiter',
      'Other',
    ],
  },
  { name: 'cas_Status', kind: 'picklist', values: ['Active', 'FollowUp', 'Closed', 'ClosedReferred'] },
  // A Long Text in HTCDS, so free text elsewhere: read and written only as the closing reasons Samen records
  // (anything else is refused on import and fails the export), never as someone's words.
  { name: 'cas_ReasonForCaseClosure', kind: 'picklist', values: CLOSURE_REASONS },
  { name: 'cas_IncomingReferralDate', kind: 'date' },
  { name: 'cas_ReasonForIncomingReferral', kind: 'picklist', values: REFERRAL_REASONS },
  { name: 'cas_OutgoingReferralDate', kind: 'date' },
  { name: 'cas_ReasonForOutgoingReferral', kind: 'picklist', values: REFERRAL_REASONS },
  // A checkbox in HTCDS: written as true or false, empty when nobody asked.
  { name: 'con_Consent', kind: 'checkbox', values: ['true', 'false'] },
];

/** HTCDS fields that identify a person or hold free text: never imported into the data hub. */
export const PERSONAL_FIELDS: readonly string[] = [
  'prs_Salutation',
  'prs_FirstName',
  'prs_MiddleName',
  'prs_SecondName',
  'prs_Birthdate',
  'prs_IdentityNumber',
  'prs_Title',
  'prs_Email',
  'prs_HomePhone',
  'prs_MobilePhone',
  'prs_MailingCity',
  'prs_MailingState',
  'prs_MailingStreet',
  'prs_MailingPostalCode',
  'prs_MailingLongitude',
  'prs_MailingLatitude',
  'vic_DetailsOfVulnerabilities',
  'vic_LocationOfRecruitment',
  'vic_LocationOfExploitation',
  'per_RoleDetails',
  'cas_CaseOwner',
  'cas_ReferringOrganisation',
  'cas_ReferringPrimaryCaseWorker',
  'cas_IncomingReferralDetails',
  'cas_ReferredOrganisation',
  'cas_ReferredPrimaryCaseWorker',
  'cas_OutgoingReferralDetails',
];

/**
 * Columns Samen adds for what HTCDS 2.0 has no field for (the Dutch national registrations): free categories,
 * named `samen_…` so an exchange partner sees at once that they are not part of the standard.
 */
export const EXTENSION_PREFIX = 'samen_';

/** CTDC's broad age groups (the global codebook's ageBroad): Samen's samen_AgeGroup values. */
export const CTDC_AGE_GROUPS = [
  '0--8',
  '9--17',
  '18--20',
  '21--23',
  '24--26',
  '27--29',
  '30--38',
  '39--47',
  '48+',
];

/** CTDC's broad age groups (the global codebook's ageBroad), for HTCDS ages. */
export function ageBroad(age: number): string {
  const groups: [number, string][] = [
    [8, '0--8'],
    [17, '9--17'],
    [20, '18--20'],
    [23, '21--23'],
    [26, '24--26'],
    [29, '27--29'],
    [38, '30--38'],
    [47, '39--47'],
  ];
  for (const [upper, label] of groups) if (age <= upper) return label;
  return '48+';
}
