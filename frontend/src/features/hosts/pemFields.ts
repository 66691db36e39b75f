// The credential fields of each kind of remote host, as the add and edit forms ask for them.
export const PEM_FIELDS = { tcp: [['tls_ca', 'CA certificate'], ['tls_cert', 'Client certificate'], ['tls_key', 'Client key']], ssh: [['ssh_key', 'Private key']] } as const;
