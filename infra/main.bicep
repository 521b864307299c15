// IntakeBot in Azure: a user-assigned identity that the bot, storage and Graph all trust; the Azure Bot
// with its Teams channel; a Linux App Service running .NET 10 on at least two instances with CPU autoscale;
// private blob storage with no shared keys, reached through a private endpoint in the app's VNet; and
// Application Insights, which the app exports its telemetry to. Deploy with:
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.parameters.json

@description('Short name used to derive resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param name string

@description('Where everything but the bot registration (which is global) lives.')
param location string = resourceGroup().location

@description('Where process questions are answered (Intake:FaqUrl).')
param faqUrl string

@description('Who to reach at once when something is still going on (Intake:UrgentHelp).')
param urgentHelp string

@description('A crisis line for someone who may be thinking about hurting themselves (Intake:CrisisHelp); set it for your country.')
param crisisHelp string = 'a crisis line near you (findahelpline.com lists them by country), or your local emergency number'

@description('The individual who owns self-reports (Intake:DefaultOwner); one of the responders.')
param defaultOwner string

@description('The responder roster: AAD object ids or UPNs of individual people (Intake:Responders).')
param responders array

@description('''Drive id of the dedicated document library for shared case files (Sharing:DriveId); empty
leaves sharing off. Graph permissions cannot be granted from here: give the identity the application
permissions Sites.Selected, User.Read.All, GroupMember.Read.All and MailboxSettings.Read, grant it "write"
on that one site (POST /sites/{site-id}/permissions), and break the library's inheritance so that its
only permission is the app's. The bot refuses to share a case folder anyone else can read.''')
param sharingDriveId string = ''

@description('Your organisation\'s own SharePoint host, e.g. contoso.sharepoint.com (Evidence:TenantSharePointHost). Images in a message kept with "Report this message" are fetched only from the Teams connector and this host; empty: only the connector.')
param tenantSharePointHost string = ''

@description('Days storage keeps soft-deleted blobs and previous versions (Retention:BackupRetention); the bot says this number.')
@minValue(1)
@maxValue(365)
param backupRetentionDays int = 7

@description('An untouched draft is deleted after this long, ISO-8601 (Retention:DraftRetention).')
param draftRetention string = 'P30D'

@description('A closed case is deleted this long after it was closed, ISO-8601 (Retention:ClosedCaseRetention).')
param closedCaseRetention string = 'P365D'

@description('How often the retention sweep runs, ISO-8601 (Retention:SweepInterval).')
param sweepInterval string = 'PT1H'

@description('AAD object ids of individuals who may put any case on legal hold (Retention:HoldRoles).')
param holdRoles array = []

@description('Offer reporters a confidential report (Identity:Confidential): their identity is sealed with a key created in the index key\'s Key Vault, which the app may only wrap and unwrap with. Needs at least one custodian.')
param confidentialReporting bool = false

@description('AAD object ids of the custodians who approve or refuse a request to see a confidential reporter\'s identity (Identity:Custodians).')
param identityCustodians array = []

@description('Hours between the delivery of the message telling a reporter that a request to see their identity was approved and showing it (Identity:NoticeHours).')
@minValue(0)
@maxValue(2160)
param identityNoticeHours int = 48

@description('Key Vault (RBAC authorisation, in this resource group) holding the case index key (Storage:IndexKey). The app reads it through a Key Vault reference: the key never passes through a deployment or shows as a plain app setting.')
param indexKeyVaultName string

@description('Name of the secret in that Key Vault holding the case index key: base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`. Owner and reporter ids are stored in blob index tags only as an HMAC with this key. Keep the same value for good: cases tagged with another key are not found by `cases` and `my reports`.')
param indexKeySecretName string = 'storage-index-key'

@description('App Service plan size.')
param appServiceSku string = 'P0v3'

@description('Instances the App Service runs on at least (two or more: one can restart while the other serves).')
@minValue(2)
@maxValue(30)
param instanceCount int = 2

@description('Most instances CPU autoscale may add up to.')
@minValue(2)
@maxValue(30)
param maxInstances int = 6

@description('Storage behind a private endpoint in a VNet the App Service is integrated with, its public network access disabled.')
param privateNetworking bool = true

@description('Address space of the VNet (privateNetworking): one /24 for App Service integration, one for private endpoints.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Sharing with a certificate: the Key Vault (in this resource group) holding it; empty signs in to Graph as the managed identity.')
param graphCertificateKeyVaultName string = ''

@description('Sharing with a certificate: the certificate\'s name in that Key Vault.')
param graphCertificateName string = ''

@description('Sharing with a certificate: the Entra app (client) id the certificate belongs to.')
param graphCertificateClientId string = ''

@description('The case owners\' workspace tab: the client id of its Entra app registration (docs/operations.md, "The workspace tab"). Empty: the tab is off.')
param workspaceClientId string = ''

@description('The workspace tab: the id Teams knows the app by (the manifest id for an uploaded app, the catalogue id once published), for the chat\'s "Open in workspace" links. Empty: no links.')
param teamsAppId string = ''

@description('The workspace tab: object ids of the people who may read the content-free statistics.')
param insightsRoles array = []

@description('Azure Bot pricing tier.')
@allowed(['F0', 'S1'])
param botSku string = 'S1'

var suffix = uniqueString(resourceGroup().id, name)
var storageName = take('${toLower(name)}${suffix}', 24)
var appName = '${name}-${suffix}'
// Storage Blob Data Owner: Contributor cannot read, write or query blob index tags (blobs/tags/read,
// blobs/tags/write, blobs/filter/action), which every case write and every case list uses.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
// Key Vault Crypto Service Encryption User: read a key's public part, wrap and unwrap with it; no other key operation.
var keyVaultCryptoWrapUser = 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
var graphCertificate = !empty(graphCertificateKeyVaultName) && !empty(graphCertificateName)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    defaultToOAuthAuthentication: true
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'None'
    }
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = if (privateNetworking) {
  name: '${name}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [vnetAddressPrefix]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(vnetAddressPrefix, 24, 0)
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: cidrSubnet(vnetAddressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource blobDns 'Microsoft.Network/privateDnsZones@2024-06-01' = if (privateNetworking) {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  location: 'global'
}

resource blobDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (privateNetworking) {
  parent: blobDns
  name: '${name}-vnet-link'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource blobEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (privateNetworking) {
  name: '${name}-blob-endpoint'
  location: location
  properties: {
    subnet: {
      id: vnet!.properties.subnets[1].id
    }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: storage.id
          groupIds: ['blob']
        }
      }
    ]
  }
}

resource blobEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (privateNetworking) {
  parent: blobEndpoint
  name: 'blob'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'blob'
        properties: {
          privateDnsZoneId: blobDns.id
        }
      }
    ]
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: backupRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: backupRetentionDays
    }
  }
}

resource casesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'cases'
  properties: {
    publicAccess: 'None'
  }
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'botstate'
  properties: {
    publicAccess: 'None'
  }
}

resource retentionContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'retention'
  properties: {
    publicAccess: 'None'
  }
}

// What the bot deletes must not live on as an older version or snapshot for longer than the backup
// period the bot tells people about; soft-deleted blobs go after the same days (deleteRetentionPolicy).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'previous-versions-and-snapshots-after-backup-retention'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: backupRetentionDays
                }
              }
              snapshot: {
                delete: {
                  daysAfterCreationGreaterThan: backupRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    blobs
  ]
}

resource blobAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: '${name}-autoscale'
  location: location
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(instanceCount)
          maximum: string(max(instanceCount, maxInstances))
          default: string(instanceCount)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT20M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
        ]
      }
    ]
  }
}

// The case index key stays in Key Vault: the managed identity may read that one secret, and App Service
// resolves the Storage__IndexKey reference with it.
resource indexKeyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: indexKeyVaultName
}

resource indexKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: indexKeyVault
  name: indexKeySecretName
}

resource indexKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(indexKeySecret.id, identity.id, keyVaultSecretsUser)
  scope: indexKeySecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The key that wraps each confidential case's data key: RSA in the same vault, usable for wrap and unwrap
// only, and the app's identity may do just that with it.
resource identityKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = if (confidentialReporting) {
  parent: indexKeyVault
  name: 'reporter-identity-kek'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
  }
}

resource identityKeyAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (confidentialReporting) {
  name: guid(indexKeyVault.id, 'reporter-identity-kek', identity.id, keyVaultCryptoWrapUser)
  scope: identityKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCryptoWrapUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

var custodianSettings = [for (custodian, i) in identityCustodians: {
  name: 'Identity__Custodians__${i}'
  value: custodian
}]

var identitySettings = concat([
  { name: 'Identity__Confidential', value: string(confidentialReporting) }
  { name: 'Identity__KeyId', value: confidentialReporting ? identityKey!.properties.keyUri : '' }
  { name: 'Identity__NoticeHours', value: string(identityNoticeHours) }
], custodianSettings)

// The Graph certificate, when one is used, stays in Key Vault: the managed identity may read it, and App
// Service loads it into the app from there (WEBSITE_LOAD_CERTIFICATES) on every instance.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = if (graphCertificate) {
  name: graphCertificateKeyVaultName
}

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (graphCertificate) {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource certificate 'Microsoft.Web/certificates@2023-12-01' = if (graphCertificate) {
  name: '${name}-graph-certificate'
  location: location
  properties: {
    keyVaultId: vault.id
    keyVaultSecretName: graphCertificateName
    serverFarmId: plan.id
  }
  dependsOn: [
    vaultAccess
  ]
}

var sharingSettings = empty(sharingDriveId) ? [] : concat([
  { name: 'Sharing__DriveId', value: sharingDriveId }
  { name: 'Sharing__TenantId', value: tenant().tenantId }
], graphCertificate ? [
  { name: 'Sharing__Credential', value: 'Certificate' }
  { name: 'Sharing__ClientId', value: graphCertificateClientId }
  { name: 'Sharing__CertificatePath', value: '/var/ssl/private/${certificate!.properties.thumbprint}.p12' }
  { name: 'WEBSITE_LOAD_CERTIFICATES', value: certificate!.properties.thumbprint }
] : [
  { name: 'Sharing__Credential', value: 'ManagedIdentity' }
  { name: 'Sharing__ClientId', value: identity.properties.clientId }
])

var holdRoleSettings = [for (holder, i) in holdRoles: {
  name: 'Retention__HoldRoles__${i}'
  value: holder
}]

var insightsRoleSettings = [for (reader, i) in insightsRoles: {
  name: 'Workspace__InsightsRoles__${i}'
  value: reader
}]

// The workspace's sign-in: Entra ID v2.0 tokens for api://<the app's host>/<client id>, from this
// tenant; the Application ID URI of the app registration must be exactly this Audience.
var workspaceSettings = empty(workspaceClientId) ? [] : concat([
  { name: 'AzureAd__Instance', value: environment().authentication.loginEndpoint }
  { name: 'AzureAd__TenantId', value: tenant().tenantId }
  { name: 'AzureAd__ClientId', value: workspaceClientId }
  { name: 'AzureAd__Audience', value: 'api://${appName}.azurewebsites.net/${workspaceClientId}' }
  { name: 'Workspace__TeamsAppId', value: teamsAppId }
], insightsRoleSettings)

var rosterSettings = [for (responder, i) in responders: {
  name: 'Intake__Responders__${i}'
  value: responder
}]

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: privateNetworking ? vnet!.properties.subnets[0].id : null
    // Key Vault references (Storage__IndexKey) are resolved as the app's only identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      // Ready only when this instance can write and read both containers (and get a Graph token when
      // sharing is on): App Service stops routing to an instance that could only fail.
      healthCheckPath: '/healthz/ready'
      vnetRouteAllEnabled: privateNetworking
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      alwaysOn: true
      appSettings: concat([
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
        // Only this organisation's people may use the bot (Teams:AllowedTenantIds).
        { name: 'Teams__AllowedTenantIds__0', value: tenant().tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'Storage__ConnectionString', value: '' }
        { name: 'Storage__AccountUrl', value: storage.properties.primaryEndpoints.blob }
        { name: 'Storage__CasesContainer', value: casesContainer.name }
        { name: 'Storage__StateContainer', value: stateContainer.name }
        { name: 'Storage__IndexKey', value: '@Microsoft.KeyVault(SecretUri=${indexKeySecret.properties.secretUri})' }
        { name: 'Intake__FaqUrl', value: faqUrl }
        { name: 'Intake__UrgentHelp', value: urgentHelp }
        { name: 'Intake__CrisisHelp', value: crisisHelp }
        { name: 'Intake__DefaultOwner', value: defaultOwner }
        { name: 'Evidence__TenantSharePointHost', value: tenantSharePointHost }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'Retention__DraftRetention', value: draftRetention }
        { name: 'Retention__ClosedCaseRetention', value: closedCaseRetention }
        { name: 'Retention__BackupRetention', value: 'P${backupRetentionDays}D' }
        { name: 'Retention__SweepInterval', value: sweepInterval }
        { name: 'Retention__Container', value: retentionContainer.name }
      ], rosterSettings, sharingSettings, holdRoleSettings, workspaceSettings, identitySettings)
    }
  }
  dependsOn: [
    blobAccess
    indexKeyAccess
    identityKeyAccess
    blobEndpointDns
    blobDnsLink
  ]
}

// Deployment uses the managed identity or Entra sign-in, never a publishing user name and password:
// basic authentication is off for the SCM (Kudu, zip deploy) endpoint as for FTP.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'IntakeBot'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botId string = identity.properties.clientId
output botDomain string = app.properties.defaultHostName
output storageAccountUrl string = storage.properties.primaryEndpoints.blob
