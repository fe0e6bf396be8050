import { PersonEdit } from './PersonForm';

export default PersonEdit;
