/** The accounts kernel's public surface: sessions for the server, actors for the command line and tests. */
export { hashPassword, loadActor, resolveSession } from './service';
