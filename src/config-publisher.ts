// The directory's publisher as the environment names it (SAMEN_DIRECTORY_EMAIL, SAMEN_PUBLISHER_NAME,
// SAMEN_DATA_LICENCE), checked with the rest of the configuration in config.ts.
/** Who publishes the directory's open data, and under which licence (all optional). */
export function parsePublisher(
  env: NodeJS.ProcessEnv,
  problems: string[],
): { directoryEmail?: string; publisherName?: string; dataLicence?: string } {
  const directoryEmail = env.SAMEN_DIRECTORY_EMAIL || undefined;
  if (directoryEmail !== undefined && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(directoryEmail))
    problems.push('SAMEN_DIRECTORY_EMAIL must be an e-mail address (e.g. wegwijzer@organisatie.nl)');

  const publisherName = env.SAMEN_PUBLISHER_NAME?.trim() || undefined;
  if (publisherName !== undefined && publisherName.length > 200)
    problems.push('SAMEN_PUBLISHER_NAME must be at most 200 characters');
  const dataLicence = env.SAMEN_DATA_LICENCE || undefined;
  if (dataLicence !== undefined && !/^https?:\/\/\S+$/.test(dataLicence))
    problems.push(
      'SAMEN_DATA_LICENCE must be the web address of a licence (e.g. https://creativecommons.org/licenses/by/4.0/)',
    );
  return { directoryEmail, publisherName, dataLicence };
}
