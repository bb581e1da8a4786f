// Azure OpenAI account with one chat model deployment. Keys are disabled: callers use Entra ID
// (Cognitive Services OpenAI User), which is how Baton's Azure OpenAI client authenticates in Azure.

@description('Name of the Azure OpenAI account.')
param name string

@description('Azure region of the account; it must offer the model and SKU below.')
param location string

@description('Tags applied to the account.')
param tags object = {}

@description('Custom subdomain of the account endpoint (https://<subdomain>.openai.azure.com/).')
param customSubDomainName string

@description('Name of the model deployment, used as AZURE_OPENAI_DEPLOYMENT.')
param deploymentName string

@description('Model name, for example gpt-4o-mini.')
param modelName string

@description('Model version, for example 2024-07-18.')
param modelVersion string

@description('Deployment SKU: GlobalStandard, Standard or DataZoneStandard.')
@allowed([
  'GlobalStandard'
  'Standard'
  'DataZoneStandard'
])
param deploymentSkuName string = 'GlobalStandard'

@description('Capacity in thousands of tokens per minute.')
@minValue(1)
param capacity int

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: customSubDomainName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

resource chatDeployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: deploymentSkuName
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
    versionUpgradeOption: 'OnceCurrentVersionExpired'
  }
}

@description('Name of the Azure OpenAI account.')
output name string = account.name

@description('Endpoint of the account, used as AZURE_OPENAI_ENDPOINT.')
output endpoint string = account.properties.endpoint

@description('Name of the chat model deployment, used as AZURE_OPENAI_DEPLOYMENT.')
output deploymentName string = chatDeployment.name
