/**
 * The document store and limits the routes use: the configuration's, made on
 * first use (the API process validated the configuration at start; an app
 * that never touches a document never creates a directory or a client).
 */
import { loadConfig } from '../../config';
import { documentSetupOf, type DocumentSetup } from '../../services/documents/setup';

export function documentSetupProvider(setup?: DocumentSetup): () => DocumentSetup {
  let made = setup;
  return () => (made ??= documentSetupOf(loadConfig()));
}
