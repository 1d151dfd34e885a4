/**
 * Passwords of 12+ characters that appear most often in public breach corpora. Shorter ones are
 * already refused by length. Compared lower-cased.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '123123123123', '111111111111', '000000000000',
  'qwertyuiopas', 'qwertyuiop123', 'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3', 'qazwsxedcrfv',
  'passwordpassword', 'password1234', 'password12345', 'password123456', 'password123!', 'passw0rd1234', 'p@ssw0rd1234',
  'p@ssword1234', 'iloveyou1234', 'iloveyouiloveyou', 'abcdefghijkl', 'abcdefg12345', 'abc123abc123', 'abcd12345678',
  'welcome12345', 'welcome123456', 'letmein12345', 'administrator', 'administrator1', 'admin1234567', 'admin123456789',
  'changeme1234', 'football1234', 'baseball1234', 'superman1234', 'sunshine1234', 'princess1234', 'starwars1234',
  'trustno1trustno1', 'monkey123456', 'dragon123456', 'master123456', 'shadow123456', 'michael12345', 'jennifer1234',
  'computer1234', 'internet1234', 'whatever1234', 'qwertyqwerty', 'asdfghjkl123', 'asdfasdfasdf', 'zxcvbnm12345',
  'q1w2e3r4t5y6', '1a2b3c4d5e6f', 'aaaaaaaaaaaa', 'teacher12345', 'teacher123456', 'school123456', 'student12345',
  'education123', 'education1234', 'israel123456', 'shalom123456', 'jerusalem123', 'telaviv12345', 'demo-accelerator1',
  'accelerator1', 'accelerator123', 'teacheraccelerator', 'correcthorsebatterystaple', 'mypassword123', 'mypassword1234',
  'secretpassword', 'supersecret123', 'password!234', 'welcome2024!', 'welcome2025!', 'welcome2026!', 'summer2024!!',
  'summer2025!!', 'summer2026!!', 'winter2025!!', 'winter2026!!', 'spring2026!!', 'autumn2026!!', 'january2026!',
  'november2026', 'december2026', 'qwerty12345678', 'qwertyuiopasdf', '987654321000', '098765432109', '147258369147',
  '159357159357', '123qweasdzxc', 'qweasdzxc123', '1234qwerasdf', 'qwer1234asdf', 'a1b2c3d4e5f6', 'loveyou12345',
  'iloveyou123!', 'football123!', 'letmeinletmein', 'passwordpassword1', 'password1password1', 'hello123456789',
  'helloworld123', 'helloworld1234', 'goodmorning1', 'basketball12', 'basketball123', 'chocolate123', 'butterfly123',
]);
