// The user-assigned identity the function app runs as: it reads and writes storage, calls Azure OpenAI
// and sends telemetry, so no key or connection string with a secret is ever stored in app settings.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client (application) id of the identity, used as AZURE_CLIENT_ID by the app.')
output clientId string = identity.properties.clientId

@description('Object (principal) id of the identity, used in role assignments.')
output principalId string = identity.properties.principalId

@description('Name of the identity.')
output name string = identity.name
