/** Registering for iCMS in person (seed 000), as pure rules over plain JSON state. */
export * from './state';
export { REGISTRATION, REGISTRATION_STEPS, REQUIRED_DOCUMENTS, applicantId, missingDocuments, type RegistrationPayloads } from './procedure';
export { openRegistration, nextRegistrationTimerAt, fireDueRegistrationTimers, registrationFinished, accountCreated, accountNotCreated, REMINDER_DAYS_BEFORE, type OpenRegistrationInput } from './lifecycle';
export { SUPPORT_CENTRE_HOURS, supportCentreClosedReason, describeHours } from './support-centre';
