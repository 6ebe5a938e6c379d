/** The instance, container and pod metadata addresses SDK credential providers call. */
const METADATA_HOSTS = new Set(['169.254.169.254', '169.254.170.2', '169.254.170.23', 'fd00:ec2::254', 'fd00:ec2::23']);

const AWS_SUFFIXES = ['.amazonaws.com.cn', '.amazonaws.com', '.api.aws', '.on.aws'];

/** Labels that only qualify an endpoint: regions, dual-stack, FIPS, VPC endpoints. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const QUALIFIERS = new Set(['dualstack', 'fips', 'vpce', 'global']);

/** Endpoint prefixes that differ from the service's own name. */
const ALIASES: Readonly<Record<string, string>> = {
  ddb: 'dynamodb', // account-based DynamoDB endpoints: {account}.ddb.{region}.amazonaws.com
  queue: 'sqs', // the legacy SQS endpoint queue.amazonaws.com / {region}.queue.amazonaws.com
  'lambda-url': 'lambda-url',
};

/**
 * The AWS service an endpoint host belongs to, as the guard's endpoint server routes it:
 * `dynamodb.us-east-1.amazonaws.com` → `dynamodb`, `streams.dynamodb.…` → `streams.dynamodb`,
 * `sqs.…` and `queue.amazonaws.com` → `sqs`, `bucket.s3.…` / `s3.…` / `s3-us-west-2.…` → `s3`,
 * `{account}.ddb.…` → `dynamodb`, the metadata addresses → `imds`. Regions, `dualstack`, `fips`
 * and VPC endpoint labels are ignored. `undefined` for a host that is not AWS's.
 *
 * @example awsServiceOfHost('my-bucket.s3.eu-west-1.amazonaws.com') // 's3'
 */
export function awsServiceOfHost(host: string): string | undefined {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) name = name.slice(1, name.indexOf(']'));
  else if (name.split(':').length === 2) name = name.slice(0, name.indexOf(':'));
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (METADATA_HOSTS.has(name)) return 'imds';
  const suffix = AWS_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix === undefined) return undefined;
  const labels = name
    .slice(0, -suffix.length)
    .split('.')
    .filter((label) => label !== '' && !REGION.test(label) && !QUALIFIERS.has(label) && !label.startsWith('vpce-'));
  if (labels.length === 0) return undefined;
  // S3 puts the bucket (or access point) first and spells its endpoints many ways.
  const s3 = labels.find((label) => label === 's3' || label.startsWith('s3-'));
  if (s3 !== undefined) return s3 === 's3-control' || s3 === 's3-outposts' ? s3 : 's3';
  const dynamodb = labels.lastIndexOf('dynamodb');
  if (dynamodb > 0 && labels[dynamodb - 1] === 'streams') return 'streams.dynamodb';
  // The service label is the last one left; anything before it is a bucket, account or API id.
  const service = labels[labels.length - 1]!.replace(/-fips$/, '');
  return ALIASES[service] ?? service;
}
