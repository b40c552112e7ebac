/**
 * Names of the MITRE ATT&CK techniques (Enterprise and Containers matrices) and Microsoft Threat
 * Matrix for Kubernetes techniques that detections cite, so a person reads "Container
 * Administration Command", not only `T1609`. Names follow ATT&CK v16; a rule citing an ID missing
 * here fails `mitre.test.ts`.
 */
const attackTechniques: Readonly<Record<string, string>> = {
  T1003: 'OS Credential Dumping',
  T1021: 'Remote Services',
  'T1021.004': 'Remote Services: SSH',
  T1027: 'Obfuscated Files or Information',
  T1036: 'Masquerading',
  'T1036.005': 'Masquerading: Match Legitimate Resource Name or Location',
  T1040: 'Network Sniffing',
  T1046: 'Network Service Discovery',
  T1053: 'Scheduled Task/Job',
  'T1053.007': 'Scheduled Task/Job: Container Orchestration Job',
  T1059: 'Command and Scripting Interpreter',
  'T1059.004': 'Command and Scripting Interpreter: Unix Shell',
  T1068: 'Exploitation for Privilege Escalation',
  T1069: 'Permission Groups Discovery',
  T1070: 'Indicator Removal',
  'T1070.002': 'Indicator Removal: Clear Linux or Mac System Logs',
  'T1070.003': 'Indicator Removal: Clear Command History',
  T1071: 'Application Layer Protocol',
  T1078: 'Valid Accounts',
  'T1078.001': 'Valid Accounts: Default Accounts',
  'T1078.003': 'Valid Accounts: Local Accounts',
  'T1078.004': 'Valid Accounts: Cloud Accounts',
  T1082: 'System Information Discovery',
  T1083: 'File and Directory Discovery',
  T1087: 'Account Discovery',
  T1090: 'Proxy',
  'T1090.003': 'Proxy: Multi-hop Proxy',
  T1095: 'Non-Application Layer Protocol',
  T1098: 'Account Manipulation',
  'T1098.004': 'Account Manipulation: SSH Authorized Keys',
  'T1098.006': 'Account Manipulation: Additional Container Cluster Roles',
  T1105: 'Ingress Tool Transfer',
  T1133: 'External Remote Services',
  T1136: 'Create Account',
  'T1136.001': 'Create Account: Local Account',
  T1190: 'Exploit Public-Facing Application',
  T1204: 'User Execution',
  'T1204.003': 'User Execution: Malicious Image',
  T1222: 'File and Directory Permissions Modification',
  T1485: 'Data Destruction',
  T1496: 'Resource Hijacking',
  T1525: 'Implant Internal Image',
  T1528: 'Steal Application Access Token',
  T1543: 'Create or Modify System Process',
  T1546: 'Event Triggered Execution',
  T1547: 'Boot or Logon Autostart Execution',
  'T1547.006': 'Boot or Logon Autostart Execution: Kernel Modules and Extensions',
  T1548: 'Abuse Elevation Control Mechanism',
  T1552: 'Unsecured Credentials',
  'T1552.001': 'Unsecured Credentials: Credentials In Files',
  'T1552.005': 'Unsecured Credentials: Cloud Instance Metadata API',
  'T1552.007': 'Unsecured Credentials: Container API',
  T1557: 'Adversary-in-the-Middle',
  T1562: 'Impair Defenses',
  'T1562.001': 'Impair Defenses: Disable or Modify Tools',
  'T1562.008': 'Impair Defenses: Disable or Modify Cloud Logs',
  T1564: 'Hide Artifacts',
  T1609: 'Container Administration Command',
  T1610: 'Deploy Container',
  T1611: 'Escape to Host',
  T1612: 'Build Image on Host',
  T1613: 'Container and Resource Discovery',
  T1620: 'Reflective Code Loading',
};

/** The Microsoft Threat Matrix for Kubernetes techniques the detections cite. */
const threatMatrixTechniques: Readonly<Record<string, string>> = {
  'MS-TA9006': 'Exec into container',
  'MS-TA9019': 'Cluster-admin binding',
  'MS-TA9024': 'Connect from proxy server',
  'MS-TA9025': 'List Kubernetes secrets',
};

export interface MitreTechnique {
  /** `T1609`, `T1552.007`, `MS-TA9006`. */
  id: string;
  /** Absent for an ID this catalogue does not know. */
  name?: string;
  /** The technique's page on attack.mitre.org; ATT&CK IDs only. */
  url?: string;
}

const attackId = /^T\d{4}(\.\d{3})?$/;

/** The technique an ID names, with its name and page when known. */
export function mitreTechnique(id: string): MitreTechnique {
  const name = attackTechniques[id] ?? threatMatrixTechniques[id];
  return {
    id,
    ...(name !== undefined ? { name } : {}),
    ...(attackId.test(id)
      ? { url: `https://attack.mitre.org/techniques/${id.replace('.', '/')}/` }
      : {}),
  };
}
