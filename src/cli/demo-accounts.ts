export const DEMO_PASSWORD = 'demo-accelerator';

export const DEMO_ACCOUNTS = [
  { email: 'network@demo.test', description: 'network admin (Education Cities Network)' },
  { email: 'dept.batyam@demo.test', description: 'department admin, Bat Yam' },
  { email: 'dept.hadera@demo.test', description: 'department admin, Hadera' },
  { email: 'mentor.batyam@demo.test', description: 'mentor, Bat Yam' },
  { email: 'teacher.batyam@demo.test', description: 'teacher, Bat Yam' },
  { email: 'teacher2.batyam@demo.test', description: 'teacher, Bat Yam' },
  { email: 'teacher.hadera@demo.test', description: 'teacher, Hadera' },
] as const;
