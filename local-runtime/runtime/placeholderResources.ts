import type { LocalResource } from './LocalResources';

/** What a placeholder is built from: the resource and the names its stack would give it. */
export interface PlaceholderContext {
  logicalId: string;
  props: Record<string, unknown>;
  region: string;
  accountId: string;
  /** A CloudFormation-shaped generated name (`stack-LogicalId-SUFFIX`) of at most `maxLength` characters. */
  generatedName: (maxLength: number) => string;
}

const name = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

/**
 * Local values for resource types that are not emulated but that handlers commonly get through
 * `Ref` / `Fn::GetAtt` in their environment (a bucket name, a role ARN): values shaped like AWS's
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html),
 * so the service starts and the handler's request to the service fails as any request to an
 * unemulated service does. Resource types not listed still make such a reference an error at start.
 */
export const PLACEHOLDER_RESOURCES: Record<string, (ctx: PlaceholderContext) => LocalResource> = {
  'AWS::S3::Bucket': ({ props, region, generatedName }) => {
    const bucket = name(props['BucketName'], generatedName(63).toLowerCase());
    return {
      type: 'AWS::S3::Bucket',
      ref: bucket,
      attributes: { Arn: `arn:aws:s3:::${bucket}`, DomainName: `${bucket}.s3.amazonaws.com`, RegionalDomainName: `${bucket}.s3.${region}.amazonaws.com` },
    };
  },
  'AWS::IAM::Role': ({ props, accountId, generatedName }) => {
    const role = name(props['RoleName'], generatedName(64));
    return { type: 'AWS::IAM::Role', ref: role, attributes: { Arn: `arn:aws:iam::${accountId}:role/${role}`, RoleId: 'AROALOCALTIDEPOOL0000' } };
  },
  'AWS::Cognito::UserPool': ({ region, accountId, generatedName }) => {
    const id = `${region}_${generatedName(20).slice(-9)}`;
    return {
      type: 'AWS::Cognito::UserPool',
      ref: id,
      attributes: { Arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${id}`, ProviderName: `cognito-idp.${region}.amazonaws.com/${id}`, ProviderURL: `https://cognito-idp.${region}.amazonaws.com/${id}`, UserPoolId: id },
    };
  },
  'AWS::Cognito::UserPoolClient': ({ generatedName }) => {
    const id = generatedName(26).replace(/[^A-Za-z0-9]/g, '').slice(-26).toLowerCase();
    return { type: 'AWS::Cognito::UserPoolClient', ref: id, attributes: { ClientId: id } };
  },
  'AWS::SSM::Parameter': ({ props, generatedName }) => {
    const parameter = name(props['Name'], generatedName(64));
    return { type: 'AWS::SSM::Parameter', ref: parameter, attributes: { Type: name(props['Type'], 'String'), Value: name(props['Value'], '') } };
  },
};
