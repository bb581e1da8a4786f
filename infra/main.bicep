// Baton on Azure: a Flex Consumption function app running Baton's workflows on Durable Functions,
// with identity-only access to storage, Azure OpenAI and Application Insights.
// `azd up` deploys this file with main.parameters.json, then deploys src/Baton.Functions to the app.
targetScope = 'subscription'

@description('Name of the azd environment; it names the resource group (rg-<name>) and seeds resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region of every resource except Azure OpenAI; it must offer Flex Consumption.')
@minLength(1)
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the person deploying; when set, they get the same data roles as the app so they can run Baton locally against these resources.')
param principalId string = ''

@description('Kind of principal principalId names: User for a person, ServicePrincipal when a pipeline deploys.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Region of the Azure OpenAI account; empty means the same as location.')
param openAiLocation string = ''

@description('Chat model deployed on Azure OpenAI.')
param openAiModelName string = 'gpt-4.1-mini'

@description('Version of the chat model.')
param openAiModelVersion string = '2025-04-14'

@description('Deployment SKU of the chat model.')
@allowed([
  'GlobalStandard'
  'Standard'
  'DataZoneStandard'
])
param openAiDeploymentSku string = 'GlobalStandard'

@description('Capacity of the chat model deployment, in thousands of tokens per minute.')
@minValue(1)
param openAiModelCapacity int = 30

@description('Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on the number of function app instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Key that signs approval links. It must be the same on every instance, so azd generates it once per environment and keeps it.')
@secure()
@metadata({ azd: { type: 'generate', config: { length: 64, noSpecial: true } } })
param approvalsSigningKey string

@description('SMTP server that sends approval emails; empty means no email.')
param smtpHost string = ''

@description('SMTP port.')
param smtpPort int = 587

@description('SMTP user name.')
param smtpUser string = ''

@description('SMTP password.')
@secure()
param smtpPassword string = ''

@description('Sender address of approval emails.')
param smtpFrom string = ''

@description('Teams incoming webhook that receives approval cards; empty means no Teams card.')
@secure()
param teamsWebhookUrl string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${functionAppName}'
var openAiDeploymentName = openAiModelName

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module openAi 'core/openai.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: 'oai-${resourceToken}'
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    customSubDomainName: 'oai-${resourceToken}'
    deploymentName: openAiDeploymentName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSkuName: openAiDeploymentSku
    capacity: openAiModelCapacity
  }
}

// Settings read by Baton itself; SMTP and Teams appear only when configured.
var batonSettings = union(
  {
    AZURE_OPENAI_ENDPOINT: openAi.outputs.endpoint
    AZURE_OPENAI_DEPLOYMENT: openAi.outputs.deploymentName
    Baton__Approvals__SigningKey: approvalsSigningKey
    // Links are sent by SMTP or Teams; the app's file system is no place for an outbox.
    Baton__Approvals__OutboxEnabled: 'false'
  },
  empty(smtpHost)
    ? {}
    : {
        Baton__Smtp__Host: smtpHost
        Baton__Smtp__Port: string(smtpPort)
        Baton__Smtp__User: smtpUser
        Baton__Smtp__Password: smtpPassword
        Baton__Smtp__From: smtpFrom
      },
  empty(teamsWebhookUrl) ? {} : { Baton__Teams__WebhookUrl: teamsWebhookUrl }
)

// The app starts reading storage and its deployment package as soon as it exists: grant its roles first.
module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  dependsOn: [
    appRoles
  ]
  params: {
    planName: 'plan-${resourceToken}'
    name: functionAppName
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: batonSettings
  }
}

module appRoles 'core/role-assignments.bicep' = {
  name: 'app-roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    storageAccountName: storage.outputs.name
    openAiAccountName: openAi.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module userRoles 'core/role-assignments.bicep' = if (!empty(principalId)) {
  name: 'user-roles'
  scope: rg
  params: {
    principalId: principalId
    principalType: principalType
    storageAccountName: storage.outputs.name
    openAiAccountName: openAi.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
