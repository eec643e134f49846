// Field encryption's one door.
export {
  createFieldCipher,
  FieldDecryptionError,
  newFieldKey,
  parseFieldKeys,
  type FieldCipher,
  type FieldKey,
} from './fields.js';
export {
  createFieldCryptoService,
  fieldContext,
  type EncryptedColumns,
  type FieldCryptoService,
  type RotationReport,
} from './service.js';
